"""The read models reporting keeps (logical names; a generation prefix is added in adapters)."""

AUDITS = "audit_facts"
MODERATIONS = "moderation_facts"
GRADE_CHANGES = "grade_change_facts"
CONCERNS = "concern_facts"
THEMED_AUDITS = "themed_audit_facts"
PROGRAMME = "programme_facts"
SAMPLES = "sample_facts"
ALLOCATIONS = "allocation_facts"
OBSERVATIONS = "observation_facts"
CHECKLISTS = "checklist_facts"
FEEDBACK = "feedback_facts"
SAFETY_LINKS = "safety_link_facts"
COMPLAINTS = "complaint_facts"
ACTIONS = "action_facts"
ALERTS = "alert_facts"
TEAMS = "team_facts"
STAFF = "staff_facts"
SIGNOFFS = "briefing_signoffs"
INDICATORS = "indicator_facts"
MEETINGS = "meeting_facts"
PRIORITIES = "priority_facts"
PRIORITY_OUTCOMES = "priority_outcome_facts"
ESCALATED_THEMES = "escalated_theme_facts"
THEME_ANSWERS = "theme_answer_facts"
GOOD_PRACTICE = "good_practice_facts"
STAFF_BRIEFINGS = "staff_briefing_facts"  # the lessons of each half-year's briefing sheet

ALL = (AUDITS, MODERATIONS, GRADE_CHANGES, CONCERNS, THEMED_AUDITS, PROGRAMME, SAMPLES,
       ALLOCATIONS, OBSERVATIONS, CHECKLISTS, FEEDBACK, SAFETY_LINKS, COMPLAINTS, ACTIONS,
       ALERTS, TEAMS, STAFF, SIGNOFFS, INDICATORS, MEETINGS, PRIORITIES, PRIORITY_OUTCOMES,
       ESCALATED_THEMES, THEME_ANSWERS, GOOD_PRACTICE, STAFF_BRIEFINGS)

# The lists behind a briefing figure (GET /reports/facts/{kind}): the facts, and the field
# that holds their month.
LISTS = {"audits": (AUDITS, "month"), "actions": (ACTIONS, "raised_month"),
         "complaints": (COMPLAINTS, "month"), "feedback": (FEEDBACK, "month"),
         "observations": (OBSERVATIONS, "month"), "moderations": (MODERATIONS, "month"),
         "allocations": (ALLOCATIONS, "month")}
