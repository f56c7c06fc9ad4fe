//! The seeded taxonomy: categories with subcategories, and the skills people list on
//! profiles and jobs. Admins edit it later; this is the starting point every new
//! installation gets.

/// A top-level category: its name, its subcategories, and skills most at home in it.
pub struct CategorySeed {
    pub name: &'static str,
    pub subcategories: &'static [&'static str],
    pub skills: &'static [&'static str],
}

pub const CATEGORIES: &[CategorySeed] = &[
    CategorySeed {
        name: "Web, Mobile & Software Development",
        subcategories: &[
            "Web Development",
            "Mobile App Development",
            "Desktop Software",
            "Ecommerce Development",
            "Game Development",
            "QA & Testing",
            "Scripts & Utilities",
        ],
        skills: &[
            "JavaScript",
            "TypeScript",
            "React",
            "Vue.js",
            "Angular",
            "Svelte",
            "Next.js",
            "Node.js",
            "Express",
            "NestJS",
            "Python",
            "Django",
            "Flask",
            "FastAPI",
            "Ruby on Rails",
            "PHP",
            "Laravel",
            "Symfony",
            "WordPress",
            "Shopify",
            "WooCommerce",
            "Magento",
            "Java",
            "Spring Boot",
            "Kotlin",
            "Swift",
            "SwiftUI",
            "Objective-C",
            "Flutter",
            "Dart",
            "React Native",
            "Ionic",
            "C#",
            ".NET",
            "ASP.NET Core",
            "Go",
            "Rust",
            "C++",
            "C",
            "Elixir",
            "Phoenix",
            "Scala",
            "Haskell",
            "Unity",
            "Unreal Engine",
            "Godot",
            "HTML5",
            "CSS",
            "Tailwind CSS",
            "Sass",
            "GraphQL",
            "REST API",
            "WebSockets",
            "Selenium",
            "Playwright",
            "Cypress",
            "Jest",
            "Unit Testing",
            "Test Automation",
            "Chrome Extension",
            "Electron",
            "Progressive Web Apps",
        ],
    },
    CategorySeed {
        name: "IT & Networking",
        subcategories: &[
            "DevOps & Cloud",
            "Network Administration",
            "Systems Administration",
            "Information Security",
            "Database Administration",
        ],
        skills: &[
            "AWS",
            "Microsoft Azure",
            "Google Cloud Platform",
            "Docker",
            "Kubernetes",
            "Terraform",
            "Ansible",
            "CI/CD",
            "GitHub Actions",
            "Jenkins",
            "Linux System Administration",
            "Bash",
            "PowerShell",
            "Nginx",
            "PostgreSQL",
            "MySQL",
            "MongoDB",
            "Redis",
            "Elasticsearch",
            "SQL Server",
            "Oracle Database",
            "Network Security",
            "Penetration Testing",
            "Cisco",
            "Firewall Configuration",
            "VPN",
            "Active Directory",
            "Microsoft 365 Administration",
            "Prometheus",
            "Grafana",
            "Site Reliability Engineering",
            "Vulnerability Assessment",
            "ISO 27001",
            "SOC 2 Compliance",
        ],
    },
    CategorySeed {
        name: "Data Science & Analytics",
        subcategories: &[
            "Data Analysis",
            "Machine Learning",
            "Data Engineering",
            "Data Visualization",
            "Data Extraction & ETL",
        ],
        skills: &[
            "Data Analysis",
            "SQL",
            "Pandas",
            "NumPy",
            "R",
            "Statistics",
            "Machine Learning",
            "Deep Learning",
            "PyTorch",
            "TensorFlow",
            "scikit-learn",
            "Natural Language Processing",
            "Computer Vision",
            "Large Language Models",
            "Prompt Engineering",
            "Tableau",
            "Power BI",
            "Looker",
            "Excel",
            "Google Sheets",
            "Apache Spark",
            "Airflow",
            "dbt",
            "Snowflake",
            "BigQuery",
            "Web Scraping",
            "Data Mining",
            "A/B Testing",
            "Time Series Forecasting",
            "Jupyter",
        ],
    },
    CategorySeed {
        name: "Design & Creative",
        subcategories: &[
            "Graphic Design",
            "UI/UX Design",
            "Brand Identity",
            "Illustration",
            "Video & Animation",
            "Photography",
            "Audio Production",
        ],
        skills: &[
            "Figma",
            "Adobe Photoshop",
            "Adobe Illustrator",
            "Adobe InDesign",
            "Adobe XD",
            "Sketch",
            "UI Design",
            "UX Design",
            "User Research",
            "Wireframing",
            "Prototyping",
            "Logo Design",
            "Brand Identity Design",
            "Illustration",
            "Icon Design",
            "Packaging Design",
            "Print Design",
            "Motion Graphics",
            "Adobe After Effects",
            "Adobe Premiere Pro",
            "Final Cut Pro",
            "DaVinci Resolve",
            "Video Editing",
            "2D Animation",
            "3D Modeling",
            "Blender",
            "Cinema 4D",
            "Product Photography",
            "Photo Retouching",
            "Voice Over",
            "Audio Editing",
            "Music Production",
            "Podcast Editing",
            "Presentation Design",
        ],
    },
    CategorySeed {
        name: "Writing",
        subcategories: &[
            "Content Writing",
            "Copywriting",
            "Technical Writing",
            "Editing & Proofreading",
            "Creative Writing",
        ],
        skills: &[
            "Content Writing",
            "Copywriting",
            "Blog Writing",
            "Article Writing",
            "SEO Writing",
            "Technical Writing",
            "API Documentation",
            "Grant Writing",
            "Proofreading",
            "Copy Editing",
            "Ghostwriting",
            "Creative Writing",
            "Scriptwriting",
            "Resume Writing",
            "White Papers",
            "Case Studies",
            "Email Copywriting",
            "UX Writing",
            "Newsletter Writing",
            "Academic Writing",
        ],
    },
    CategorySeed {
        name: "Translation",
        subcategories: &[
            "Document Translation",
            "Localization",
            "Interpretation",
            "Transcription",
        ],
        skills: &[
            "English",
            "Spanish",
            "French",
            "German",
            "Portuguese",
            "Italian",
            "Dutch",
            "Japanese",
            "Chinese (Mandarin)",
            "Korean",
            "Arabic",
            "Russian",
            "Turkish",
            "Polish",
            "Hindi",
            "Software Localization",
            "Legal Translation",
            "Medical Translation",
            "Subtitling",
            "Transcription",
        ],
    },
    CategorySeed {
        name: "Sales & Marketing",
        subcategories: &[
            "Digital Marketing",
            "Search Engine Optimization",
            "Social Media Marketing",
            "Lead Generation",
            "Marketing Strategy",
            "Email Marketing",
        ],
        skills: &[
            "Digital Marketing",
            "Search Engine Optimization",
            "Google Ads",
            "Meta Ads",
            "LinkedIn Ads",
            "TikTok Marketing",
            "Social Media Management",
            "Content Strategy",
            "Email Marketing",
            "Mailchimp",
            "HubSpot",
            "Salesforce",
            "Lead Generation",
            "Cold Email Outreach",
            "Marketing Automation",
            "Google Analytics",
            "Conversion Rate Optimization",
            "Affiliate Marketing",
            "Influencer Marketing",
            "Market Research",
            "Brand Strategy",
            "Public Relations",
            "Community Management",
            "Growth Hacking",
            "Amazon Marketplace",
        ],
    },
    CategorySeed {
        name: "Admin & Customer Support",
        subcategories: &[
            "Virtual Assistance",
            "Data Entry",
            "Customer Service",
            "Project Management",
        ],
        skills: &[
            "Virtual Assistance",
            "Data Entry",
            "Customer Service",
            "Email Support",
            "Live Chat Support",
            "Zendesk",
            "Intercom",
            "Calendar Management",
            "Travel Planning",
            "Project Management",
            "Asana",
            "Trello",
            "Jira",
            "Notion",
            "Scheduling",
            "Research",
            "Order Processing",
            "Technical Support",
        ],
    },
    CategorySeed {
        name: "Accounting & Consulting",
        subcategories: &[
            "Accounting & Bookkeeping",
            "Financial Planning",
            "Tax Preparation",
            "Management Consulting",
            "HR & Recruiting",
        ],
        skills: &[
            "Bookkeeping",
            "QuickBooks",
            "Xero",
            "Accounting",
            "Financial Modeling",
            "Financial Analysis",
            "Tax Preparation",
            "Payroll",
            "Budgeting",
            "Business Plan Writing",
            "Management Consulting",
            "Business Analysis",
            "Startup Consulting",
            "Pitch Decks",
            "Recruiting",
            "Technical Recruiting",
            "HR Consulting",
            "Valuation",
            "Forecasting",
            "Accounts Payable",
        ],
    },
    CategorySeed {
        name: "Legal",
        subcategories: &[
            "Contract Law",
            "Corporate Law",
            "Intellectual Property",
            "Regulatory & Compliance",
        ],
        skills: &[
            "Contract Drafting",
            "Contract Review",
            "Corporate Law",
            "Intellectual Property Law",
            "Trademark Registration",
            "Patent Research",
            "GDPR Compliance",
            "Privacy Policy",
            "Terms of Service",
            "Employment Law",
            "Immigration Law",
            "Legal Research",
            "Startup Law",
            "Compliance Consulting",
        ],
    },
    CategorySeed {
        name: "Engineering & Architecture",
        subcategories: &[
            "Mechanical Engineering",
            "Electrical Engineering",
            "Civil & Structural Engineering",
            "Architecture & Interior Design",
            "Product Design",
        ],
        skills: &[
            "AutoCAD",
            "SolidWorks",
            "Fusion 360",
            "Revit",
            "SketchUp",
            "3D Printing",
            "Product Design",
            "Mechanical Design",
            "PCB Design",
            "Embedded Systems",
            "Arduino",
            "Raspberry Pi",
            "Electrical Engineering",
            "Structural Engineering",
            "Civil Engineering",
            "Interior Design",
            "Architectural Rendering",
            "CAD Drafting",
            "Finite Element Analysis",
            "MATLAB",
        ],
    },
    CategorySeed {
        name: "AI Services",
        subcategories: &[
            "AI Chatbots & Agents",
            "AI Integration",
            "AI Content & Images",
            "Model Training & Evaluation",
        ],
        skills: &[
            "OpenAI API",
            "LangChain",
            "Retrieval-Augmented Generation",
            "AI Chatbot Development",
            "AI Agent Development",
            "Model Fine-Tuning",
            "Stable Diffusion",
            "AI Image Generation",
            "Speech Recognition",
            "Text-to-Speech",
            "Vector Databases",
            "AI Evaluation",
            "Data Labeling",
            "Hugging Face",
        ],
    },
    CategorySeed {
        name: "Education & Coaching",
        subcategories: &[
            "Tutoring",
            "Course Creation",
            "Career Coaching",
            "Language Teaching",
        ],
        skills: &[
            "Online Tutoring",
            "Math Tutoring",
            "Physics Tutoring",
            "Programming Tutoring",
            "English Teaching",
            "Spanish Teaching",
            "Curriculum Design",
            "Course Creation",
            "Instructional Design",
            "E-learning",
            "Career Coaching",
            "Interview Coaching",
            "Public Speaking Coaching",
            "Test Preparation",
        ],
    },
];

/// A URL-friendly identifier: lower case, words joined by dashes.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut dash = false;
    for ch in name.chars() {
        let mapped = match ch {
            '+' => Some("plus"),
            '#' => Some("sharp"),
            '.' if slug.is_empty() => Some("dot"),
            _ => None,
        };
        if let Some(word) = mapped {
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(word);
            dash = true;
        } else if ch.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            slug.extend(ch.to_lowercase());
            dash = false;
        } else {
            dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_taxonomy_is_rich_enough_for_a_real_marketplace() {
        assert!(CATEGORIES.len() >= 12);
        assert!(CATEGORIES.iter().all(|c| c.subcategories.len() >= 3));
        let skills: HashSet<String> = CATEGORIES
            .iter()
            .flat_map(|c| c.skills.iter().map(|s| slugify(s)))
            .collect();
        assert!(skills.len() >= 300, "only {} distinct skills", skills.len());
    }

    #[test]
    fn slugs_are_unique_within_the_category_tree() {
        let mut seen = HashSet::new();
        for category in CATEGORIES {
            assert!(seen.insert(slugify(category.name)), "{}", category.name);
            for sub in category.subcategories {
                assert!(
                    seen.insert(format!("{}/{}", slugify(category.name), slugify(sub))),
                    "{sub}"
                );
            }
        }
    }

    #[test]
    fn slugs_keep_meaningful_symbols() {
        assert_eq!(slugify("C++"), "c-plus-plus");
        assert_eq!(slugify("C#"), "c-sharp");
        assert_eq!(slugify(".NET"), "dot-net");
        assert_eq!(slugify("Vue.js"), "vue-js");
        assert_eq!(
            slugify("Web, Mobile & Software Development"),
            "web-mobile-software-development"
        );
    }
}
