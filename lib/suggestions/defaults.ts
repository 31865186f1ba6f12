// The criteria Stagecoach ships with, for Zoho's standard deal pipeline. Shown to admins as the
// starting point of their own (the comments are part of what they read), and used whenever an
// org has not switched its own criteria on. defaults.test.ts checks that it parses and covers
// every forward step.

export const DEFAULT_CRITERIA_TEXT = `# Stagecoach pipeline criteria (Zoho's standard pipeline).
# Each criterion says when a deal should move to its target stage. Stagecoach suggests the
# stage of the met criterion with the highest priority; a manager approves, edits or rejects.
# By default only evidence since the deal entered its current stage counts (since: stage_change):
# what came before was the reason for the last move, not for the next one.
# Signals you can name are listed in the guide (CRITERIA.md); any phrase works too:
#   - phrase: "security questionnaire"
version: 1
criteria:
  # ---- Qualification -> Needs Analysis -------------------------------------------------------
  - id: qualified
    target: Needs Analysis
    from: [Qualification]
    priority: 10
    confidence: 0.7
    description: Budget confirmed, and a meeting held or needs written down
    when:
      all: [budget_approved]
      any: [meeting_held, needs_identified]
      none: [asked_to_pause, budget_missing]

  # ---- Needs Analysis -> Value Proposition ---------------------------------------------------
  - id: needs-and-budget
    target: Value Proposition
    from: [Needs Analysis]
    priority: 20
    confidence: 0.65
    description: Needs analysed and budget approved, ready to present the value proposition
    when:
      all: [needs_identified, budget_approved]
      none: [asked_to_pause, budget_missing]

  - id: demo-given
    target: Value Proposition
    from: [Needs Analysis]
    priority: 20
    confidence: 0.6
    description: The solution was demonstrated
    when:
      all: [demo_done]
      none: [asked_to_pause, budget_missing, no_show]

  # ---- -> Id. Decision Makers ----------------------------------------------------------------
  - id: decision-makers
    target: Id. Decision Makers
    from: [Needs Analysis, Value Proposition]
    priority: 30
    confidence: 0.65
    description: The decision maker is identified and was met (or saw a demo)
    when:
      all: [decision_maker_identified]
      any: [meeting_held, demo_done]
      none: [asked_to_pause, no_decision_maker]

  # ---- -> Perception Analysis ----------------------------------------------------------------
  - id: perception
    target: Perception Analysis
    from: [Value Proposition, Id. Decision Makers]
    priority: 40
    confidence: 0.55
    description: A pilot or trial is under way, or the customer gave positive feedback after a meeting
    when:
      any: [pilot_running, positive_feedback]
      all: [meeting_held]
      none: [asked_to_pause, no_show]

  # ---- -> Proposal/Price Quote ---------------------------------------------------------------
  # Not from Qualification: a quote before the budget is qualified skips the hard question.
  - id: proposal
    target: Proposal/Price Quote
    from: [Needs Analysis, Value Proposition, Id. Decision Makers, Perception Analysis]
    priority: 50
    confidence: 0.7
    description: The customer asked for a proposal or quote, or one was sent
    when:
      any: [proposal_requested, proposal_sent]
      none: [asked_to_pause, budget_missing]

  # ---- -> Negotiation/Review -----------------------------------------------------------------
  - id: negotiation
    target: Negotiation/Review
    from: [Proposal/Price Quote]
    priority: 60
    confidence: 0.7
    description: The contract is with legal, or terms were agreed
    when:
      any: [legal_review, verbal_commit]
      none: [asked_to_pause]

  - id: negotiation-after-proposal
    target: Negotiation/Review
    from: [Value Proposition, Id. Decision Makers, Perception Analysis]
    priority: 60
    confidence: 0.6
    description: A proposal was sent and the contract is with legal, or terms were agreed
    since: ever
    when:
      all: [proposal_sent]
      any:
        - signal: legal_review
          since: stage_change
        - signal: verbal_commit
          since: stage_change
      none: [asked_to_pause]

  # ---- Closing: from any open stage ----------------------------------------------------------
  - id: won
    target: Closed Won
    from: open
    priority: 100
    confidence: 0.85
    description: The contract is signed (or the deal declared won)
    when:
      any: [contract_signed, deal_won]

  - id: lost-to-competitor
    target: Closed Lost to Competition
    from: open
    priority: 95
    confidence: 0.8
    description: The customer chose a competitor
    when:
      all: [lost_to_competitor]

  - id: lost
    target: Closed Lost
    from: open
    priority: 90
    confidence: 0.75
    description: The customer cancelled, the budget was cut, the deal was disqualified, or the customer decided to do nothing
    when:
      any: [deal_lost, lost_no_budget, disqualified, no_decision]
      none: [lost_to_competitor]

  # Gone silent: only when the rep says so, the deal has sat in its stage a month, and no meeting since.
  - id: gone-silent
    target: Closed Lost
    from: open
    priority: 85
    confidence: 0.6
    description: The customer has gone silent (the rep says so), a month in the stage, no meeting since
    when:
      all: [gone_silent]
      none:
        - meeting_booked
        - signal: meeting_held
          within_days: 30
    fields:
      - {field: days_in_stage, op: ">=", value: 30}

  # A pause is not a loss; a deal nobody has touched for a long time past its closing date may be.
  - id: stale
    target: Closed Lost
    from: open
    priority: 5
    confidence: 0.4
    description: Closing date long past, long in its stage, and no meeting in two months
    since: ever
    when:
      none:
        - meeting_booked
        - signal: meeting_held
          within_days: 60
        - signal: asked_to_pause
          within_days: 120
    fields:
      - {field: days_to_close, op: "<", value: -60}
      - {field: days_in_stage, op: ">=", value: 90}
`;
