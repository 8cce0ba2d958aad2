"""Verification: recording the facts a case rests on and checking each against a source
(unit outcome LO2)."""

from __future__ import annotations

from casekit import inputs
from casekit.casework.base import CaseworkBase
from casekit.errors import CasekitError
from casekit.record.log import Event
from casekit.rules.vocabulary import (
    VERIFICATION_RESULTS,
)


class VerificationActions(CaseworkBase):
    def record_fact(
        self, case_ref: str, statement: str, claimed_by: str = "constituent", topic: str = ""
    ) -> str:
        """Record something the case depends on, to be checked. ``topic`` names the
        council record it concerns (address, tenancy, council tax...)."""
        statement = inputs.text(statement, "fact", limit=1000)
        claimed_by = inputs.text(claimed_by, "who said it", limit=200)
        topic = inputs.text(topic, "topic", required=False, limit=100)
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            fact_id = f"F{len(case.facts) + 1}"
            self.ws.append(
                "fact_recorded",
                {"fact_id": fact_id, "claimed_by": claimed_by, "topic": topic},
                case=case_ref,
                personal={"statement": statement},
            )
        return fact_id

    def verify_fact(
        self,
        case_ref: str,
        fact_id: str,
        *,
        source: str,
        result: str,
        found: str = "",
        resolution: str = "",
    ) -> Event:
        """Record a check of a fact against a source (a council system, an officer)."""
        source = inputs.text(source, "source", limit=200)
        inputs.choice(result, "result", VERIFICATION_RESULTS)
        found = inputs.text(found, "what the source says", required=False, limit=2000)
        resolution = inputs.text(
            resolution, "how the discrepancy was resolved", required=False, limit=2000
        )
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref)
            if not isinstance(fact_id, str) or fact_id not in case.facts:
                raise CasekitError(f"fact '{fact_id}' is not recorded on {case_ref}.", field="fact")
            return self.ws.append(
                "fact_verified",
                {
                    "fact_id": fact_id,
                    "topic": case.facts[fact_id].topic,
                    "source": source,
                    "result": result,
                    "resolved": bool(resolution),
                },
                case=case_ref,
                personal={"found": found, "resolution": resolution},
            )
