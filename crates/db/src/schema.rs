// The database schema as diesel sees it; kept in step with migrations/ by hand and
// checked by every test that touches the tables.

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        password_hash -> Text,
        full_name -> Text,
        country -> Text,
        timezone -> Text,
        is_client -> Bool,
        is_freelancer -> Bool,
        is_admin -> Bool,
        email_verified_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        payment_verified_at -> Nullable<Timestamptz>,
        identity_verified_at -> Nullable<Timestamptz>,
        suspended_at -> Nullable<Timestamptz>,
        suspension_reason -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Uuid,
        occurred_at -> Timestamptz,
        actor_id -> Nullable<Uuid>,
        actor_kind -> Text,
        action -> Text,
        target_type -> Nullable<Text>,
        target_id -> Nullable<Uuid>,
        request_id -> Nullable<Text>,
        ip -> Nullable<Text>,
        status -> Nullable<Int2>,
        details -> Jsonb,
    }
}

diesel::table! {
    flags (id) {
        id -> Uuid,
        reporter_id -> Uuid,
        target_type -> Text,
        target_id -> Uuid,
        reason -> Text,
        status -> Text,
        created_at -> Timestamptz,
        resolved_at -> Nullable<Timestamptz>,
        resolved_by -> Nullable<Uuid>,
        resolution_note -> Nullable<Text>,
    }
}

diesel::table! {
    user_totp (user_id) {
        user_id -> Uuid,
        secret -> Text,
        created_at -> Timestamptz,
        enabled_at -> Nullable<Timestamptz>,
        last_used_step -> Nullable<Int8>,
    }
}

diesel::table! {
    totp_recovery_codes (user_id, code_hash) {
        user_id -> Uuid,
        code_hash -> Bytea,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    personal_access_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        name -> Text,
        token_hash -> Bytea,
        prefix -> Text,
        scopes -> Array<Text>,
        created_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
        expires_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> Uuid,
        user_id -> Uuid,
        url -> Text,
        events -> Array<Text>,
        description -> Nullable<Text>,
        secret -> Text,
        created_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Uuid,
        endpoint_id -> Uuid,
        event_id -> Uuid,
        event_type -> Text,
        body -> Text,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Nullable<Timestamptz>,
        last_attempt_at -> Nullable<Timestamptz>,
        last_status_code -> Nullable<Int4>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        delivered_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    subscriptions (user_id, side) {
        user_id -> Uuid,
        side -> Text,
        plan -> Text,
        status -> Text,
        payment_method_id -> Nullable<Uuid>,
        started_at -> Timestamptz,
        current_period_end -> Timestamptz,
        cancel_at_period_end -> Bool,
        price -> Numeric,
        last_error -> Nullable<Text>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    rate_limit_hits (key, window_start) {
        key -> Text,
        window_start -> Timestamptz,
        hits -> Int4,
    }
}

diesel::table! {
    sessions (id) {
        id -> Uuid,
        user_id -> Uuid,
        created_at -> Timestamptz,
        last_used_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        revoke_reason -> Nullable<Text>,
        ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Bytea,
        session_id -> Uuid,
        issued_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    email_verification_tokens (token_hash) {
        token_hash -> Bytea,
        user_id -> Uuid,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    sign_in_throttles (key) {
        key -> Text,
        failures -> Int4,
        window_started_at -> Nullable<Timestamptz>,
        locked_until -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Int8,
        kind -> Text,
        payload -> Jsonb,
        created_at -> Timestamptz,
        available_at -> Timestamptz,
        attempts -> Int4,
        delivered_at -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    dev_mailbox (id) {
        id -> Uuid,
        to_address -> Text,
        subject -> Text,
        text_body -> Text,
        created_at -> Timestamptz,
        outbox_id -> Int8,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(personal_access_tokens -> users (user_id));
diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(email_verification_tokens -> users (user_id));
diesel::joinable!(dev_mailbox -> outbox (outbox_id));

diesel::table! {
    categories (id) {
        id -> Uuid,
        parent_id -> Nullable<Uuid>,
        slug -> Text,
        name -> Text,
        position -> Int4,
    }
}

diesel::table! {
    skills (id) {
        id -> Uuid,
        slug -> Text,
        name -> Text,
        category_id -> Nullable<Uuid>,
    }
}

diesel::joinable!(skills -> categories (category_id));

diesel::table! {
    jobs (id) {
        id -> Uuid,
        client_id -> Uuid,
        title -> Text,
        description -> Text,
        category_id -> Uuid,
        job_type -> Text,
        budget -> Nullable<Numeric>,
        hourly_min -> Nullable<Numeric>,
        hourly_max -> Nullable<Numeric>,
        experience_level -> Text,
        project_length -> Text,
        hours_per_week -> Text,
        visibility -> Text,
        screening_questions -> Array<Text>,
        connects_cost -> Int4,
        status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        published_at -> Nullable<Timestamptz>,
        last_activity_at -> Timestamptz,
        ended_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    job_skills (job_id, skill_id) {
        job_id -> Uuid,
        skill_id -> Uuid,
        position -> Int4,
    }
}

diesel::joinable!(jobs -> users (client_id));
diesel::joinable!(jobs -> categories (category_id));
diesel::joinable!(job_skills -> jobs (job_id));
diesel::joinable!(job_skills -> skills (skill_id));

diesel::table! {
    freelancer_profiles (user_id) {
        user_id -> Uuid,
        title -> Text,
        overview -> Text,
        hourly_rate -> Nullable<Numeric>,
        availability -> Text,
        portfolio -> Jsonb,
        employment -> Jsonb,
        education -> Jsonb,
        certifications -> Jsonb,
        languages -> Jsonb,
        completeness -> Int4,
        updated_at -> Timestamptz,
        photo_id -> Nullable<Uuid>,
        jss -> Nullable<Int2>,
        rating -> Nullable<Numeric>,
        reviews -> Int4,
        earned_12m -> Numeric,
        earned_total -> Numeric,
        badges -> Array<Text>,
    }
}

diesel::table! {
    attachments (id) {
        id -> Uuid,
        owner_id -> Uuid,
        purpose -> Text,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Bytea,
        created_at -> Timestamptz,
        filename -> Nullable<Text>,
    }
}

diesel::table! {
    freelancer_skills (user_id, skill_id) {
        user_id -> Uuid,
        skill_id -> Uuid,
        position -> Int4,
    }
}

diesel::table! {
    client_profiles (user_id) {
        user_id -> Uuid,
        company_name -> Text,
        description -> Text,
        company_size -> Nullable<Text>,
        website -> Nullable<Text>,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(freelancer_profiles -> users (user_id));
diesel::joinable!(freelancer_skills -> skills (skill_id));
diesel::joinable!(client_profiles -> users (user_id));

diesel::table! {
    ledger_accounts (id) {
        id -> Uuid,
        kind -> Text,
        owner_id -> Nullable<Uuid>,
        currency -> Bpchar,
        allow_negative -> Bool,
        created_at -> Timestamptz,
        party_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    ledger_balances (account_id) {
        account_id -> Uuid,
        balance -> Numeric,
        allow_negative -> Bool,
    }
}

diesel::table! {
    ledger_transactions (id) {
        id -> Uuid,
        kind -> Text,
        subject_id -> Nullable<Uuid>,
        memo -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    ledger_entries (id) {
        id -> Int8,
        transaction_id -> Uuid,
        account_id -> Uuid,
        amount -> Numeric,
        currency -> Bpchar,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(ledger_balances -> ledger_accounts (account_id));
diesel::joinable!(ledger_entries -> ledger_transactions (transaction_id));
diesel::joinable!(ledger_entries -> ledger_accounts (account_id));

diesel::table! {
    payment_methods (id) {
        id -> Uuid,
        user_id -> Uuid,
        gateway_token -> Text,
        brand -> Text,
        last4 -> Bpchar,
        exp_month -> Int4,
        exp_year -> Int4,
        created_at -> Timestamptz,
        removed_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(payment_methods -> users (user_id));

diesel::table! {
    idempotency_keys (user_id, key) {
        user_id -> Uuid,
        key -> Text,
        request_hash -> Bytea,
        status -> Text,
        response_status -> Nullable<Int4>,
        response_body -> Nullable<Jsonb>,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    pending_releases (id) {
        id -> Uuid,
        freelancer_id -> Uuid,
        amount -> Numeric,
        currency -> Bpchar,
        subject_id -> Nullable<Uuid>,
        available_at -> Timestamptz,
        moved_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    withdrawal_methods (id) {
        id -> Uuid,
        user_id -> Uuid,
        gateway_token -> Text,
        account_holder -> Text,
        bank_last4 -> Bpchar,
        usable_from -> Timestamptz,
        created_at -> Timestamptz,
        removed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    withdrawals (id) {
        id -> Uuid,
        user_id -> Uuid,
        withdrawal_method_id -> Uuid,
        amount -> Numeric,
        fee -> Numeric,
        currency -> Bpchar,
        status -> Text,
        created_at -> Timestamptz,
        settled_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    identity_documents (id) {
        id -> Uuid,
        user_id -> Uuid,
        attachment_id -> Uuid,
        status -> Text,
        reason -> Nullable<Text>,
        reviewed_by -> Nullable<Uuid>,
        reviewed_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(withdrawals -> withdrawal_methods (withdrawal_method_id));
diesel::joinable!(identity_documents -> attachments (attachment_id));

diesel::table! {
    search_epoch (singleton) {
        singleton -> Bool,
        epoch -> Uuid,
        pruned_txid -> Int8,
    }
}

diesel::table! {
    search_changes (id) {
        id -> Int8,
        txid -> Int8,
        payload -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    connects_accounts (user_id) {
        user_id -> Uuid,
        balance -> Int4,
        granted -> Int4,
        plan -> Text,
        next_grant_at -> Timestamptz,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    connects_lots (id) {
        id -> Uuid,
        user_id -> Uuid,
        bought -> Int4,
        remaining -> Int4,
        expires_at -> Timestamptz,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    connects_lines (id) {
        id -> Uuid,
        user_id -> Uuid,
        kind -> Text,
        amount -> Int4,
        balance_after -> Int4,
        memo -> Text,
        job_id -> Nullable<Uuid>,
        proposal_id -> Nullable<Uuid>,
        lot_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    invitations (id) {
        id -> Uuid,
        job_id -> Uuid,
        client_id -> Uuid,
        freelancer_id -> Uuid,
        message -> Text,
        status -> Text,
        decline_reason -> Nullable<Text>,
        proposal_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        answered_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    proposals (id) {
        id -> Uuid,
        job_id -> Uuid,
        freelancer_id -> Uuid,
        status -> Text,
        cover_letter -> Text,
        bid_type -> Text,
        bid_amount -> Nullable<Numeric>,
        hourly_rate -> Nullable<Numeric>,
        milestones -> Jsonb,
        estimated_duration -> Text,
        answers -> Array<Text>,
        attachment_ids -> Array<Uuid>,
        connects_spent -> Int4,
        connects_refunded -> Bool,
        invitation_id -> Nullable<Uuid>,
        decline_reason -> Nullable<Text>,
        match_score -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    offers (id) {
        id -> Uuid,
        proposal_id -> Uuid,
        job_id -> Uuid,
        client_id -> Uuid,
        freelancer_id -> Uuid,
        contract_type -> Text,
        status -> Text,
        title -> Text,
        message -> Text,
        hourly_rate -> Nullable<Numeric>,
        weekly_limit_hours -> Nullable<Int4>,
        manual_time_allowed -> Bool,
        expires_at -> Timestamptz,
        decline_reason -> Nullable<Text>,
        contract_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        answered_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    contracts (id) {
        id -> Uuid,
        offer_id -> Uuid,
        proposal_id -> Uuid,
        job_id -> Uuid,
        client_id -> Uuid,
        freelancer_id -> Uuid,
        contract_type -> Text,
        title -> Text,
        status -> Text,
        hourly_rate -> Nullable<Numeric>,
        weekly_limit_hours -> Nullable<Int4>,
        manual_time_allowed -> Bool,
        started_at -> Timestamptz,
        ended_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        paused_at -> Nullable<Timestamptz>,
        ended_by -> Nullable<Uuid>,
        end_reason -> Nullable<Text>,
        feedback_revealed_at -> Nullable<Timestamptz>,
        paid_total -> Nullable<Numeric>,
    }
}

diesel::table! {
    time_entries (id) {
        id -> Uuid,
        contract_id -> Uuid,
        started_at -> Timestamptz,
        minutes -> Int4,
        memo -> Text,
        kind -> Text,
        week_start -> Date,
        invoice_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    invoices (id) {
        id -> Uuid,
        contract_id -> Uuid,
        week_start -> Date,
        logged_minutes -> Int4,
        billed_minutes -> Int4,
        hourly_rate -> Numeric,
        amount -> Numeric,
        status -> Text,
        review_until -> Timestamptz,
        available_at -> Timestamptz,
        created_at -> Timestamptz,
        charged_at -> Nullable<Timestamptz>,
        released_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    milestones (id) {
        id -> Uuid,
        offer_id -> Uuid,
        contract_id -> Nullable<Uuid>,
        position -> Int4,
        title -> Text,
        amount -> Numeric,
        due_date -> Nullable<Date>,
        status -> Text,
        funded_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        submitted_at -> Nullable<Timestamptz>,
        released_at -> Nullable<Timestamptz>,
        refund_requested_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    milestone_submissions (id) {
        id -> Uuid,
        milestone_id -> Uuid,
        message -> Text,
        attachment_ids -> Array<Uuid>,
        created_at -> Timestamptz,
        outcome -> Nullable<Text>,
        outcome_message -> Nullable<Text>,
        answered_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    contract_bonuses (id) {
        id -> Uuid,
        contract_id -> Uuid,
        milestone_id -> Nullable<Uuid>,
        amount -> Numeric,
        message -> Text,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(proposals -> jobs (job_id));
diesel::joinable!(offers -> proposals (proposal_id));
diesel::joinable!(milestones -> offers (offer_id));
diesel::joinable!(milestone_submissions -> milestones (milestone_id));

diesel::table! {
    disputes (id) {
        id -> Uuid,
        contract_id -> Uuid,
        milestone_id -> Nullable<Uuid>,
        invoice_id -> Nullable<Uuid>,
        opened_by -> Uuid,
        opener_role -> Text,
        subject_status -> Text,
        reason -> Text,
        amount -> Numeric,
        requested_refund -> Numeric,
        status -> Text,
        respond_by -> Timestamptz,
        response_message -> Nullable<Text>,
        responded_at -> Nullable<Timestamptz>,
        outcome -> Nullable<Text>,
        release_amount -> Nullable<Numeric>,
        refund_amount -> Nullable<Numeric>,
        resolution_note -> Nullable<Text>,
        resolved_by -> Nullable<Uuid>,
        resolved_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    conversations (id) {
        id -> Uuid,
        kind -> Text,
        subject_id -> Uuid,
        title -> Text,
        client_id -> Uuid,
        freelancer_id -> Uuid,
        created_at -> Timestamptz,
        last_message_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    conversation_members (conversation_id, user_id) {
        conversation_id -> Uuid,
        user_id -> Uuid,
        last_read_at -> Nullable<Timestamptz>,
        unread -> Int4,
        activity_at -> Timestamptz,
    }
}

diesel::table! {
    messages (id) {
        id -> Uuid,
        conversation_id -> Uuid,
        sender_id -> Uuid,
        body -> Text,
        attachment_ids -> Array<Uuid>,
        warnings -> Array<Text>,
        created_at -> Timestamptz,
        edited_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Uuid,
        user_id -> Uuid,
        kind -> Text,
        title -> Text,
        body -> Text,
        link -> Text,
        created_at -> Timestamptz,
        read_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    notification_email_opt_outs (user_id, kind) {
        user_id -> Uuid,
        kind -> Text,
    }
}

diesel::table! {
    contract_feedback (contract_id, author_id) {
        contract_id -> Uuid,
        author_id -> Uuid,
        subject_id -> Uuid,
        author_role -> Text,
        rating -> Int2,
        comment -> Text,
        private_score -> Int2,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(contract_feedback -> contracts (contract_id));
diesel::joinable!(conversation_members -> conversations (conversation_id));
diesel::joinable!(messages -> conversations (conversation_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    refresh_tokens,
    email_verification_tokens,
    sign_in_throttles,
    outbox,
    dev_mailbox,
    categories,
    skills,
    jobs,
    job_skills,
    freelancer_profiles,
    freelancer_skills,
    client_profiles,
    attachments,
    ledger_accounts,
    ledger_balances,
    ledger_transactions,
    ledger_entries,
    payment_methods,
    idempotency_keys,
    pending_releases,
    withdrawal_methods,
    withdrawals,
    identity_documents,
    connects_accounts,
    connects_lots,
    connects_lines,
    invitations,
    proposals,
    offers,
    contracts,
    milestones,
    milestone_submissions,
    contract_bonuses,
    time_entries,
    invoices,
    disputes,
    conversations,
    conversation_members,
    messages,
    notifications,
    notification_email_opt_outs,
    contract_feedback,
    audit_log,
    flags,
    rate_limit_hits,
    user_totp,
    totp_recovery_codes,
    personal_access_tokens,
    webhook_endpoints,
    webhook_deliveries,
    subscriptions,
);
