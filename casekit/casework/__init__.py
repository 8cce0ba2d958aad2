"""The learner's casework actions: intake, verification, contacts, clocks, replies,
closure and the satisfaction review. Each action is guarded by the protocol's rules and
appends exactly the events it means; a refusal writes nothing.
"""
