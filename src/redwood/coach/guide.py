"""Today's recovery and nutrition advice from the athlete's own numbers (TRAINING.md 6).

Protein from the latest body weight (Morton 2018; Jaeger 2017), sleep from the last
week of check-ins against 7-9 h (Hirshkowitz 2015; short sleep costs strength, Craven
2022), fluids around the session (Sawka 2007) and rest days from the last seven days
[practitioner: 1-2 a week]. Every line is a population average the athlete may adjust;
none of the claims TRAINING.md section 7 rules out appear here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from redwood.domain.mass import Mass, Unit
from redwood.domain.nutrition import fluid_guide, protein_guide, rest_day_guide, sleep_guide


@dataclass(frozen=True, slots=True)
class GuideLine:
    """One piece of advice: its topic, the sentence, and where the number comes from."""

    topic: str
    text: str
    source: str


def _protein(bodyweight: Mass | None, unit: Unit, deficit: bool) -> GuideLine:
    if bodyweight is None:
        return GuideLine(
            "protein",
            "Log your body weight ('redwood bodyweight add 80kg') and this line gives your "
            "daily protein in grams; until then, about 1.6 g per kg of body weight a day.",
            "Morton et al. 2018",
        )
    guide = protein_guide(bodyweight, deficit=deficit)
    return GuideLine(
        "protein",
        f"About {guide.target_g_per_day:.0f} g of protein today for "
        f"{bodyweight.format(unit)} (a useful range is {guide.low_g:.0f}-{guide.high_g:.0f} g), "
        f"spread over {guide.meals_hint} meals of about {guide.per_meal_g:.0f} g.",
        guide.source,
    )


def _sleep(nights: Sequence[tuple[date, Decimal]], age: int | None) -> GuideLine:
    guide = sleep_guide(age)
    band = f"{guide.min_hours}-{guide.max_hours} h"
    if not nights:
        return GuideLine(
            "sleep",
            f"Aim for {band} a night. Record your sleep with 'redwood checkin --sleep 7.5' "
            "and the coach adjusts hard days to it.",
            guide.source,
        )
    average = sum((hours for _, hours in nights), Decimal(0)) / len(nights)
    short = [day for day, hours in nights if hours < guide.min_hours]
    text = f"You slept {average:.1f} h a night on average over {len(nights)} check-in(s)."
    if short:
        text += (
            f" {len(short)} night(s) were under {guide.min_hours} h: short sleep costs "
            f"strength, so go to bed earlier tonight and aim for {band}."
        )
    else:
        text += f" That is inside the {band} adults need; keep it up."
    return GuideLine("sleep", text, f"{guide.source}; Craven et al. 2022")


def _fluids(bodyweight: Mass | None, unit: Unit, training: bool) -> GuideLine:
    if bodyweight is None:
        return GuideLine(
            "fluids",
            "Drink to thirst; weigh yourself before and after a long session to see how "
            "much you lose, and replace about 1.5 L for each kg lost.",
            "Sawka et al. 2007",
        )
    guide = fluid_guide(bodyweight, None)
    when = "today's session" if training else "a session"
    return GuideLine(
        "fluids",
        f"Lose no more than {guide.max_loss.format(unit)} of body weight in {when}; "
        "if the scale shows more afterwards, drink about 1.5 L for every kg lost.",
        guide.source,
    )


def _rest(on: date, trained: Sequence[date], training_today: bool) -> GuideLine:
    guide = rest_day_guide()
    week = {d for d in trained if on - timedelta(days=6) <= d <= on}
    if training_today:
        week.add(on)
    rest = 7 - len(week)
    ideas = ", ".join(guide.activities)
    if rest < guide.min_days:
        text = f"You have trained {len(week)} of the last 7 days: take a rest day soon ({ideas})."
    elif training_today:
        text = f"{rest} rest day(s) in the last 7 days: enough to recover between sessions."
    else:
        text = f"Rest day: something light helps ({ideas})."
    return GuideLine("rest", text, guide.source)


def daily_guide(
    on: date,
    *,
    bodyweight: Mass | None,
    unit: Unit,
    nights: Sequence[tuple[date, Decimal]],
    trained: Sequence[date],
    training_today: bool,
    readiness: Sequence[str] = (),
    deficit: bool = False,
    age: int | None = None,
) -> list[GuideLine]:
    """Protein, sleep, fluids and rest advice for `on`, plus today's readiness notes."""
    lines = [
        _protein(bodyweight, unit, deficit),
        _sleep(nights, age),
        _fluids(bodyweight, unit, training_today),
        _rest(on, trained, training_today),
    ]
    lines += [GuideLine("readiness", note, "Redwood check-in") for note in readiness]
    return lines
