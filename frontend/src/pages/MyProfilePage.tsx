import { useState } from "react";
import { Link } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "../api/problem";
import { fetchMyFreelancerProfile, saveFreelancerProfile } from "../api/profiles";
import type { FreelancerProfile } from "../api/types";
import { useCurrentUser } from "../auth/useAuth";
import { Alert, Loading } from "../components/feedback";
import { usePageTitle } from "../components/usePageTitle";
import { Completeness } from "./profile/Completeness";
import { PhotoUpload } from "./profile/PhotoUpload";
import { ProfileForm } from "./profile/ProfileForm";
import { profileToForm, toProfileRequest } from "./profile/profileSchema";
import "./jobs/jobs.css";
import "./profile/profile.css";

function Editor({ profile }: { profile: FreelancerProfile }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  const update = (p: FreelancerProfile) => {
    queryClient.setQueryData(["my-freelancer-profile"], p);
    queryClient.setQueryData(["freelancer", p.id], p);
  };
  return (
    <div className="profile-editor">
      <aside className="profile-editor__aside">
        <section className="card" aria-label="Photo">
          <PhotoUpload profile={profile} onUploaded={update} />
        </section>
        <Completeness profile={profile} />
        <p className="profile-editor__public">
          <Link to={`/freelancers/${profile.id}`}>View public profile</Link>
        </p>
      </aside>
      <div className="profile-editor__main">
        <ProfileForm
          status={saved}
          defaultValues={profileToForm(profile)}
          onSubmit={async (data) => {
            setSaved(null);
            const updated = await saveFreelancerProfile(toProfileRequest(data));
            update(updated);
            setSaved("Your profile is saved.");
            return profileToForm(updated);
          }}
        />
      </div>
    </div>
  );
}

export default function MyProfilePage() {
  usePageTitle("Your profile");
  const user = useCurrentUser();
  const isFreelancer = user?.roles.includes("freelancer") ?? false;
  const profile = useQuery({ queryKey: ["my-freelancer-profile"], queryFn: fetchMyFreelancerProfile, enabled: isFreelancer });

  let body;
  if (!isFreelancer) {
    body = (
      <div className="gate card">
        <h2>Profiles are for freelancers</h2>
        <p>Your account hires on Worklane. Clients describe their company on the company profile instead.</p>
        <div className="form-actions">
          <Link className="button" to="/me/company">
            Edit your company profile
          </Link>
        </div>
      </div>
    );
  } else if (profile.isPending) {
    body = <Loading label="Loading your profile…" />;
  } else if (profile.isError) {
    body = (
      <Alert tone="error" title="We could not load your profile">
        <p>{errorMessage(profile.error)}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => void profile.refetch()}>
          Try again
        </button>
      </Alert>
    );
  } else {
    body = <Editor profile={profile.data} />;
  }

  return (
    <div className="profile-page">
      <header className="page-header">
        <h1>Your profile</h1>
        <p>Tell clients who you are and what you do. Everything here appears on your public profile.</p>
      </header>
      {body}
    </div>
  );
}
