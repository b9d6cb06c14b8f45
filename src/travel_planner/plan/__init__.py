"""The plan: checked model prose around code-rendered facts, in the traveller's language.

writer = PlanWriter(trip, facts, research, weather)      # or refinement=, previous=
writer.feed(chunk).plan     # Markdown that is final (header + days, once a day is planned)
writer.gate(model, address, sample)   # UnusableModelOutputError if no day was planned
writer.finish(notices)      # remaining days + budget, packing, facts, sources, notes
"""

from travel_planner.plan.days import DEFAULT_SLOTS, SLOTS, DayPlan
from travel_planner.plan.render import budget_lines, render_day, render_footer, render_header
from travel_planner.plan.words import Words, money, num
from travel_planner.plan.writer import PlanWriter, WriterOutput

__all__ = [
    "DEFAULT_SLOTS",
    "SLOTS",
    "DayPlan",
    "PlanWriter",
    "Words",
    "WriterOutput",
    "budget_lines",
    "money",
    "num",
    "render_day",
    "render_footer",
    "render_header",
]
