"""The command palette's search as an agent types fast: SQLite is queried in worker threads, never
on the GUI thread, and an answer to a query already typed past never reaches the list."""

from __future__ import annotations

import threading

from sqlalchemy import event

from tests.ui.conftest import until
from tests.ui.test_workspace import finish, sign_in


def test_rapid_typing_searches_off_the_gui_thread_and_shows_only_the_last_answer(ui_env, qapp):
    w = ui_env.world

    async def body() -> None:
        controller = await sign_in(ui_env, qapp)
        window = controller.window
        searched_on: list[threading.Thread] = []

        @event.listens_for(controller.client.cache._reader, "before_cursor_execute")
        def record(_conn, _cursor, statement, *_args) -> None:
            if "MATCH" in statement:
                searched_on.append(threading.current_thread())

        palette = window.open_palette()
        shown: list[str] = []
        palette.results.model().modelReset.connect(lambda: shown.append(palette.answered_query()))
        typed = ["co", "com", "coma", "coman", "comand", "comanda", "ci", "cit", "cita"]
        for text in typed:
            palette.query.setText(text)
            palette._update()  # as the debounce does at each short pause
        after_last = len(shown)
        # Until the last pause's search has answered too.
        await until(lambda: not palette._debounce.isActive() and palette._running.done())

        assert palette.answered_query() == "cita"
        assert set(shown[after_last - 1 :]) == {"cita"}  # nothing older came in after the last key
        found = {i.target for i in palette.items() if i.kind == "conversation"}
        assert found == {w.conversations["joan_email"], w.conversations["joan_whatsapp"]}
        assert searched_on and threading.main_thread() not in searched_on
        palette.close()
        await finish(controller)

    ui_env.run(body())
