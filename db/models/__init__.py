"""Tables of Netral, in SQLAlchemy 2.0 typed style, grouped by concept."""

from db.models.attempts import Answer, Attempt, Pledge
from db.models.base import NAMING_CONVENTION, Base, JSONType
from db.models.content import Module, Question, QuestionVersion, Quiz, QuizOverride
from db.models.cycles import Cycle, CycleCategoryTally, CycleUnit, OutboxMessage
from db.models.events import Attendance, EventItem, LiveAnswer, Sosialisasi
from db.models.learning import CheckAnswer, ModuleProgress, ScenarioChoice, ScenarioRun
from db.models.people import Account, Employee, LoginFailure, LoginSession, LoginThrottle, OrgUnit
from db.models.records import AgencySetting, AuditEvent, CategoryTally, Certificate, Counter, LookupFailure

__all__ = [
    "Account",
    "Attendance",
    "EventItem",
    "LiveAnswer",
    "Sosialisasi",
    "AgencySetting",
    "Answer",
    "Attempt",
    "AuditEvent",
    "Base",
    "Certificate",
    "CheckAnswer",
    "CategoryTally",
    "Counter",
    "Cycle",
    "CycleCategoryTally",
    "CycleUnit",
    "Employee",
    "JSONType",
    "LoginFailure",
    "LoginSession",
    "LoginThrottle",
    "LookupFailure",
    "Module",
    "ModuleProgress",
    "NAMING_CONVENTION",
    "OutboxMessage",
    "OrgUnit",
    "Pledge",
    "Question",
    "QuestionVersion",
    "Quiz",
    "QuizOverride",
    "ScenarioChoice",
    "ScenarioRun",
]
