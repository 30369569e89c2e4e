"""Web plumbing shared by the blueprints: who the learner is, templates, error pages."""
