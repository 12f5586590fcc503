"""The fair-play checker, on packs built to break each of its rules."""

from __future__ import annotations

from pathlib import Path

from whodunit.pack.fairplay import check_pack
from whodunit.pack.findings import Finding
from whodunit.pack.loader import load_pack_or_raise


def check(path: Path) -> list[Finding]:
    return check_pack(load_pack_or_raise(path))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_example_pack_is_fair(example_pack: Path) -> None:
    assert check(example_pack) == []


def test_dead_clue(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "revealed_by: {searched: shop/counter}",
        "revealed_by: {all: [{found: slip}, {searched: shop/counter}]}",
    )
    [f] = check(example_pack)
    assert f.code == "W101" and "clue 'slip' can never be reached" in f.message
    assert f.pos.file == str(case)


def test_dead_topic_and_the_proof_behind_it(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "when: {connected: prints-and-route}", "when: {presented: pip/confession}")
    findings = check(example_pack)
    messages = " ".join(f.message for f in findings)
    assert "topic 'pip/trail' can never be reached" in messages
    # the confession needs the topic, and it is the only proof of "why"
    assert any(
        f.code == "E201" and "the proof of 'why' ('confession')" in f.message for f in findings
    )


def test_unprovable_answer_when_a_suspect_cannot_be_ruled_out(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", "    rules_out: [finch]\n", "")
    [f] = check(example_pack)
    assert f.code == "E202" and "nothing the player can find rules out suspect 'finch'" in f.message


def test_culprit_ruled_out(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", "rules_out: [finch]", "rules_out: [finch, pip]")
    assert "E203" in codes(check(example_pack))


def test_an_unreachable_culprit(example_pack: Path, edit) -> None:
    """The culprit is an option of `who` only while they can be questioned."""
    edit(
        example_pack / "cases/tart.yaml",
        "    intro: Pip shifts from foot to foot, cap in his hands.\n",
        "    intro: Pip shifts from foot to foot, cap in his hands.\n"
        "    when: {found: confession}\n",
    )
    findings = check(example_pack)
    assert any(f.code == "E201" and "the culprit 'pip'" in f.message for f in findings)


def test_soft_lock_through_not(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    # The lane closes once the scrap bin has been searched: the boot prints can be lost.
    edit(
        case,
        "    when: {searched: kitchen/window}\n    things:\n      cobbles:",
        "    when: {all: [{searched: kitchen/window}, {not: {searched: kitchen/bin}}]}\n"
        "    things:\n      cobbles:",
    )
    findings = check(example_pack)
    soft = [f for f in findings if f.code == "E204"]
    # Both proofs of `who` need the boot prints (one through a connection): both are lost.
    lost = [f for f in soft if "the proof of 'who' ('route' or 'confession')" in f.message]
    assert lost and "unwinnable" in lost[0].message
    assert "see the `not` at line 35" in lost[0].message
    assert [str(f) for f in lost[0].trail] == [
        "visited kitchen",
        "searched kitchen/window",
        "searched kitchen/bin",
    ]


def test_not_on_something_harmless_is_fine(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "        when: {searched: kitchen/window}\n",
        "        when: {all: [{searched: kitchen/window}, {not: {visited: lane}}]}\n",
    )
    assert "E204" not in codes(check(example_pack))


def test_culprit_with_nothing_against_them(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    text = case.read_text().replace("    points_to: [pip]\n", "")
    case.write_text(text)
    assert "W206" in codes(check(example_pack))


def test_a_not_over_what_is_true_from_the_start_never_holds(example_pack: Path, edit) -> None:
    """The case starts in the shop, so `not visited shop` can never hold: the topic behind it is
    dead, and so is the only clue that rules Vera out. The checker must not call this fair."""
    edit(
        example_pack / "cases/tart.yaml",
        "        when: {found: bag}\n",
        "        when: {not: {visited: shop}}\n",
    )
    findings = check(example_pack)
    messages = " ".join(f.message for f in findings)
    assert "topic 'vera/bag' can never be reached" in messages
    assert "clue 'rye_receipt' can never be reached" in messages
    assert any(f.code == "E202" and "suspect 'vera'" in f.message for f in findings)


def test_a_not_over_a_clue_found_at_the_start_never_holds(example_pack: Path, edit) -> None:
    """A clue whose condition holds at once is found before the player can act."""
    case = example_pack / "cases/tart.yaml"
    edit(case, "revealed_by: {searched: shop/counter}", "revealed_by: {visited: shop}")
    edit(case, "        when: {found: bag}\n", "        when: {not: {found: slip}}\n")
    findings = check(example_pack)
    assert any(f.code == "E202" and "suspect 'vera'" in f.message for f in findings)


def test_every_case_the_checker_passes_is_solved_by_its_own_hints(example_pack: Path, edit) -> None:
    from whodunit.engine import replay, solution_path

    edit(
        example_pack / "cases/tart.yaml",
        "        when: {found: bag}\n",
        "        when: {any: [{found: bag}, {not: {visited: shop}}]}\n",
    )
    assert check(example_pack) == []
    case = load_pack_or_raise(example_pack).cases["tart"]
    assert replay(case, solution_path(case)).ending == "solved"


def test_an_unreachable_alternative_is_fine_while_another_is_reachable(
    example_pack: Path, edit
) -> None:
    """`proven_by` lists alternatives: the claim needs any one of them."""
    case = example_pack / "cases/tart.yaml"
    edit(case, "proven_by: [juice, boot_prints]", "proven_by: [juice, slip]")
    edit(case, "revealed_by: {searched: kitchen/rack}", "revealed_by: {found: juice}")
    findings = check(example_pack)
    assert "E201" not in codes(findings)
    assert any(f.code == "W101" and "clue 'juice'" in f.message for f in findings)
    edit(case, "revealed_by: {searched: shop/counter}", "revealed_by: {found: slip}")
    findings = check(example_pack)
    assert any(f.code == "E201" and "'juice' or 'slip'" in f.message for f in findings)


def test_a_proof_that_can_be_lost_is_fine_while_another_cannot_be(example_pack: Path, edit) -> None:
    """The juice on the sill is gone once the window is searched; the boot prints still prove
    how the tart went."""
    edit(
        example_pack / "cases/tart.yaml",
        "        text: Purple plum juice has dripped onto the sill below the rack.\n",
        "        text: Purple plum juice has dripped onto the sill below the rack.\n"
        "        when: {not: {searched: kitchen/window}}\n",
    )
    assert check(example_pack) == []


def test_a_connection_needs_both_of_its_links_held(example_pack: Path, edit) -> None:
    """Pip's morning can be asked only before the juice is found; the prints and his route
    are linked only once he has been asked, so both proofs of `who` can be lost."""
    edit(
        example_pack / "cases/tart.yaml",
        "        ask: What did you do this morning?\n",
        "        ask: What did you do this morning?\n        when: {not: {found: juice}}\n",
    )
    findings = check(example_pack)
    [lost] = [f for f in findings if f.code == "E204" and "proof of 'who'" in f.message]
    assert [str(f) for f in lost.trail] == ["visited kitchen", "searched kitchen/rack"]
    replay_trail(example_pack, lost)


def test_a_connection_on_the_losing_path_is_played_as_connect(example_pack: Path, edit) -> None:
    """Mr Finch's alibi closes once the prints and Pip's route are put together: the order of
    play that loses it links them, and the engine accepts the link."""
    from whodunit.engine import format_action
    from whodunit.engine.trail import trail_actions

    edit(
        example_pack / "cases/tart.yaml",
        "        ask: Where were you before the judging?\n",
        "        ask: Where were you before the judging?\n"
        "        when: {not: {connected: prints-and-route}}\n",
    )
    [finding] = [f for f in check(example_pack) if f.code == "E202"]
    assert "suspect 'finch'" in finding.message
    assert [str(f) for f in finding.trail][-1] == "connected prints-and-route"
    case = load_pack_or_raise(example_pack).cases["tart"]
    commands = [format_action(a) for a in trail_actions(case, finding.trail)]
    assert commands[-1] == "connect boot_prints pip/morning"
    state = replay_trail(example_pack, finding)
    from whodunit.engine.rules import open_topics

    assert "judging" not in [t.id for t in open_topics(case, state, "finch")]


def replay_trail(pack_path: Path, finding: Finding) -> object:
    """Plays a finding's losing order of play in the real engine: every move is accepted."""
    from whodunit.engine import apply, new_game
    from whodunit.engine.trail import trail_actions

    case = load_pack_or_raise(pack_path).cases["tart"]
    state = new_game(case)
    for action in trail_actions(case, finding.trail):
        state, outcome = apply(case, state, action)
        assert outcome.accepted, (action, outcome.text)
    return state


def test_an_alibi_behind_a_not_that_the_player_can_close_is_unfair(
    example_pack: Path, edit
) -> None:
    """Finch's only alibi is his answer about the judging, which closes once Pip is asked about
    his morning: asking Pip first leaves Finch impossible to clear."""
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "        ask: Where were you before the judging?\n",
        "        ask: Where were you before the judging?\n"
        "        when: {not: {asked: pip/morning}}\n",
    )
    findings = [f for f in check(example_pack) if f.code == "E202"]
    [finding] = findings
    assert "suspect 'finch'" in finding.message and "can be lost" in finding.message
    assert [str(f) for f in finding.trail] == ["asked pip/morning"]
    state = replay_trail(example_pack, finding)
    from whodunit.engine.rules import open_topics

    case_model = load_pack_or_raise(example_pack).cases["tart"]
    assert "judging" not in [t.id for t in open_topics(case_model, state, "finch")]


def test_a_place_with_the_only_alibi_that_closes_is_unfair(example_pack: Path, edit) -> None:
    """Vera is cleared only through the bag from the bin; the bin closes once the lane is
    visited, which the player can do before searching the bin."""
    edit(
        example_pack / "cases/tart.yaml",
        "        when: {searched: kitchen/window}\n  lane:",
        "        when: {all: [{searched: kitchen/window}, {not: {visited: lane}}]}\n  lane:",
    )
    findings = check(example_pack)
    [finding] = [f for f in findings if f.code == "E202"]
    assert "suspect 'vera'" in finding.message
    assert [str(f) for f in finding.trail] == [
        "visited kitchen",
        "searched kitchen/window",
        "visited lane",
    ]
    replay_trail(example_pack, finding)


def test_a_thing_that_closes_once_its_own_clue_is_found_is_fair(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "        text: Purple plum juice has dripped onto the sill below the rack.\n",
        "        text: Purple plum juice has dripped onto the sill below the rack.\n"
        "        when: {not: {found: juice}}\n",
    )
    edit(
        case,
        "        text: Small boot prints, purple at the toes, lead towards the harbour.\n",
        "        text: Small boot prints, purple at the toes, lead towards the harbour.\n"
        "        when: {not: {found: boot_prints}}\n",
    )
    edit(
        case,
        "        text: Under the peelings, a crumpled paper bag from Lott's Bakery.\n"
        "        when: {searched: kitchen/window}\n",
        "        text: Under the peelings, a crumpled paper bag from Lott's Bakery.\n"
        "        when: {all: [{searched: kitchen/window}, {not: {found: bag}}]}\n",
    )
    assert check(example_pack) == []


def test_a_doubt_the_search_clears_is_no_finding(example_pack: Path, edit) -> None:
    """The rack closes once the cobbles are searched, and the lane opens with the juice from the
    rack or with Pip's admission, which itself needs the cobbles: so the rack is always searched
    first. The fast analysis cannot see that through the `any`; the search of every state does."""
    from whodunit.pack import fairplay

    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "        text: Purple plum juice has dripped onto the sill below the rack.\n",
        "        text: Purple plum juice has dripped onto the sill below the rack.\n"
        "        when: {not: {searched: lane/cobbles}}\n",
    )
    edit(
        case,
        "    when: {searched: kitchen/window}\n    things:\n      cobbles:",
        "    when: {any: [{found: juice}, {found: confession}]}\n    things:\n      cobbles:",
    )
    pack = load_pack_or_raise(example_pack)
    assert check_pack(pack) == []
    doubts = [f for f in check_pack(pack, limit=2) if f.code == "W208"]
    assert any("'juice'" in f.message for f in doubts), "a search cut short only warns"
    assert fairplay.SEARCH_LIMIT > 2


def test_a_start_place_that_is_closed_at_the_start(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "    description: Lace curtains, six small tables and the smell of cinnamon.\n",
        "    description: Lace curtains, six small tables and the smell of cinnamon.\n"
        "    when: {found: juice}\n",
    )
    findings = check(example_pack)
    assert any(f.code == "E207" and "starts in 'shop'" in f.message for f in findings)


def test_a_case_too_large_to_search_gets_a_warning_not_a_verdict(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "        ask: Where were you before the judging?\n",
        "        ask: Where were you before the judging?\n"
        "        when: {not: {searched: lane/cobbles}}\n",
    )
    pack = load_pack_or_raise(example_pack)
    assert "E202" in codes(check_pack(pack))
    [finding] = [f for f in check_pack(pack, limit=2) if f.code == "W208"]
    assert "could not prove" in finding.message and "suspect 'finch'" in finding.message


def test_a_clue_found_at_the_start_before_the_clue_its_not_names(example_pack: Path, edit) -> None:
    """At the start the clues are looked at in pack order: the juice (listed before the bag)
    is found while the bag is not yet, so its `not found bag` holds then. The checker must
    follow the game here, not call the evidence unreachable."""
    case = example_pack / "cases/tart.yaml"
    edit(case, "revealed_by: {searched: kitchen/rack}", "revealed_by: {not: {found: bag}}")
    edit(case, "revealed_by: {searched: kitchen/bin}", "revealed_by: {visited: shop}")
    from whodunit.engine import new_game

    state = new_game(load_pack_or_raise(example_pack).cases["tart"])
    assert {"juice", "bag"} <= {f.clue for f in state.found}
    assert "E201" not in codes(check(example_pack))


def test_a_suspect_with_no_topics_who_closes_when_shown_a_clue(example_pack: Path, edit) -> None:
    """Pip has nothing to be asked, and can be questioned only until Mr Finch is shown the slip:
    the presenting that closes him must count as a move the player can make."""
    case = example_pack / "cases/tart.yaml"
    text = case.read_text()
    start = text.index("  pip:\n    intro:")
    end = text.index("  finch:\n")
    case.write_text(
        text[:start]
        + "  pip:\n    intro: Pip shifts from foot to foot.\n"
        + "    when: {not: {presented: finch/slip}}\n    topics: {}\n"
        + "    default_reaction: Pip shrugs.\n"
        + text[end:]
    )
    edit(case, "links: [boot_prints, pip/morning]", "links: [boot_prints, slip]")
    edit(case, "revealed_by: {asked: pip/trail}", "revealed_by: {connected: prints-and-route}")
    findings = check(example_pack)
    [lost] = [f for f in findings if f.code == "E204" and "culprit 'pip'" in f.message]
    assert [f"{kind} {ref}" for kind, ref in lost.trail] == [
        "searched shop/counter",
        "presented finch/slip",
    ]
    replay_trail(example_pack, lost)


def test_an_empty_any_is_named_as_the_reason(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "        when: {found: bag}\n",
        "        when: {any: []}\n",
    )
    findings = check(example_pack)
    [dead] = [f for f in findings if f.code == "W101" and "topic 'vera/bag'" in f.message]
    assert "`any:` with nothing in it" in dead.message


HUNGER = "        hunger:\n          text: hunger\n"
SPITE = "          text: spite, to spoil the contest\n"


def tells(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code == "W209"]


def test_a_true_option_that_always_appears_last_gives_itself_away(example_pack: Path, edit) -> None:
    """Spite and profit are there from the start; hunger comes only with Pip's admission."""
    case = example_pack / "cases/tart.yaml"
    edit(case, HUNGER, HUNGER + "          when: {found: confession}\n")
    pack = load_pack_or_raise(example_pack)
    for exhaustive in (False, True):
        [tell] = tells(check_pack(pack, exhaustive=exhaustive))
        assert "'why/hunger' gives itself away" in tell.message
        assert "always the last option of 'why' to appear" in tell.message
        assert tell.pos.line == case.read_text().splitlines().index("        hunger:") + 1
    # A decoy that comes with the same clue takes the tell away.
    edit(case, SPITE, SPITE + "          when: {found: confession}\n")
    assert check(example_pack) == []


def test_a_true_option_that_its_clue_alone_unlocks_gives_itself_away(
    example_pack: Path, edit
) -> None:
    """Spite comes with the bag, hunger with the admission: either can come first, but the
    admission brings hunger on its own."""
    case = example_pack / "cases/tart.yaml"
    edit(case, HUNGER, HUNGER + "          when: {found: confession}\n")
    edit(case, SPITE, SPITE + "          when: {found: bag}\n")
    pack = load_pack_or_raise(example_pack)
    for exhaustive in (False, True):
        [tell] = tells(check_pack(pack, exhaustive=exhaustive))
        assert "unlocks no other option of 'why'" in tell.message


def test_a_culprit_who_comes_in_last_and_alone(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "    intro: Pip shifts from foot to foot, cap in his hands.\n",
        "    intro: Pip shifts from foot to foot, cap in his hands.\n    when: {found: slip}\n",
    )
    [tell] = tells(check(example_pack))
    assert "the culprit 'pip' gives themself away" in tell.message
    assert "always the last suspect to appear" in tell.message


def test_a_tell_the_search_clears(example_pack: Path, edit) -> None:
    """Hunger needs the juice and the admission, spite the juice and the bag: a player who finds
    the juice last sees both appear at once. The analysis cannot tell; the search can."""
    from whodunit.pack.fairplay import Effort, check_case

    case = example_pack / "cases/tart.yaml"
    edit(case, HUNGER, HUNGER + "          when: {all: [{found: juice}, {found: confession}]}\n")
    edit(case, SPITE, SPITE + "          when: {all: [{found: juice}, {found: bag}]}\n")
    tart = load_pack_or_raise(example_pack).cases["tart"]
    effort = Effort()
    assert check_case(tart, effort=effort) == []
    assert effort.searched == 1 and effort.undecided == 0
    # Cut short, the search settles nothing, and nothing is said.
    effort = Effort()
    assert check_case(tart, limit=2, effort=effort) == []
    assert effort.undecided == 1


def test_the_patterns_authors_write_are_settled_without_a_search(example_pack: Path, edit) -> None:
    """A thing that closes once its clue is found, a topic gone once the confession is heard,
    a lane that locks behind the player once its cobbles are searched: fair, and proved so by
    the analysis alone."""
    from whodunit.pack.fairplay import Effort, check_case

    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "        text: Purple plum juice has dripped onto the sill below the rack.\n",
        "        text: Purple plum juice has dripped onto the sill below the rack.\n"
        "        when: {not: {found: juice}}\n",
    )
    edit(
        case,
        "        when: {found: boot_prints}\n",
        "        when: {all: [{found: boot_prints}, {not: {found: confession}}]}\n",
    )
    edit(
        case,
        "    when: {searched: kitchen/window}\n    things:\n      cobbles:",
        "    when: {all: [{searched: kitchen/window}, {not: {searched: lane/cobbles}}]}\n"
        "    things:\n      cobbles:",
    )
    effort = Effort()
    assert check_case(load_pack_or_raise(example_pack).cases["tart"], effort=effort) == []
    assert effort.searched == 0 and effort.undecided == 0 and effort.analysed > 0


def test_a_true_option_with_no_reachable_decoy_gives_itself_away(example_pack: Path, edit) -> None:
    """The shop door can never be chosen: the window, which comes with the juice, is then the
    only way the tart can have gone."""
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "          text: through the back window\n",
        "          text: through the back window\n          when: {found: juice}\n",
    )
    edit(
        case,
        "          text: through the shop door\n",
        "          text: through the shop door\n          when: {any: []}\n",
    )
    pack = load_pack_or_raise(example_pack)
    for exhaustive in (False, True):
        findings = check_pack(pack, exhaustive=exhaustive)
        [tell] = tells(findings)
        assert "'how/window' gives itself away: it is the only option of 'how'" in tell.message
        assert any(f.code == "W101" and "option 'how/door'" in f.message for f in findings)


def test_a_decoy_with_the_same_any_as_the_truth_is_seen_through_without_a_search(
    example_pack: Path, edit
) -> None:
    from whodunit.pack.fairplay import Effort, check_case

    case = example_pack / "cases/tart.yaml"
    either = "          when: {any: [{found: confession}, {found: route}]}\n"
    edit(case, HUNGER, HUNGER + either)
    edit(case, SPITE, SPITE + either)
    effort = Effort()
    assert check_case(load_pack_or_raise(example_pack).cases["tart"], effort=effort) == []
    assert effort.searched == 0
