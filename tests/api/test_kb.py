"""Knowledge-base articles over HTTP: who may write, versions, tombstones in the feed, bad input, import."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from agentdesk.server.cli import main as server_cli

ARTICLE = {
    "title": "Restablecer la contraseña",
    "body": "Pulsa «He olvidado mi contraseña» y sigue el enlace que te enviamos por correo.",
    "language": "es",
    "tags": ["Contraseña", "acceso ", "contraseña"],
    "url": "https://ayuda.example/contrasena",
    "snippets": {"whatsapp": "Restablece tu contraseña aquí: https://ayuda.example/contrasena", "email": " "},
}


def _cursor(client) -> int:
    cursor = 0
    while True:
        page = client.get("/api/v1/sync", params={"since": cursor, "limit": 5000}).json()
        cursor = page["cursor"] if page["cursor"] is not None else cursor
        if page.get("next") is None and not page["has_more"]:
            return cursor


def _feed(client, since: int) -> list[dict]:
    return [
        c for c in client.get("/api/v1/sync", params={"since": since}).json()["changes"] if c["entity"] == "kb_article"
    ]


def test_a_team_lead_writes_articles_and_every_feed_follows_to_the_tombstone(api):
    tom, ana = api.login("tom"), api.login("ana")
    since = _cursor(ana)
    created = tom.post("/api/v1/kb/articles", json=ARTICLE)
    assert created.status_code == 201, created.text
    article = created.json()
    # Tags are trimmed, lower-cased and de-duplicated; an empty snippet is no snippet.
    assert article["tags"] == ["contraseña", "acceso"]
    assert article["snippets"] == {"whatsapp": ARTICLE["snippets"]["whatsapp"]}
    assert [a["id"] for a in ana.get("/api/v1/kb/articles", params={"q": "contraseña"}).json()] == [article["id"]]

    stale = article["updated_at"]
    changed = tom.patch(
        f"/api/v1/kb/articles/{article['id']}", json={"title": "Cambiar la contraseña", "if_updated_at": stale}
    )
    assert changed.status_code == 200, changed.text
    assert datetime.fromisoformat(changed.json()["updated_at"]) > datetime.fromisoformat(stale)
    # Someone else's edit based on the old version is refused, not silently lost.
    lost = tom.patch(f"/api/v1/kb/articles/{article['id']}", json={"body": "x", "if_updated_at": stale})
    assert lost.status_code == 409 and "changed by someone else" in lost.json()["detail"]
    assert ana.get(f"/api/v1/kb/articles/{article['id']}").json()["title"] == "Cambiar la contraseña"

    gone = tom.delete(f"/api/v1/kb/articles/{article['id']}")
    assert gone.status_code == 200
    assert ana.get(f"/api/v1/kb/articles/{article['id']}").status_code == 404
    ops = [(c["op"], c["id"]) for c in _feed(ana, since)]
    assert ops == [("upsert", article["id"]), ("upsert", article["id"]), ("delete", article["id"])]
    assert tom.delete(f"/api/v1/kb/articles/{article['id']}").status_code == 404


def test_agents_and_supervisors_only_read(api):
    ana, sue, tom = api.login("ana"), api.login("sue"), api.login("tom")
    refused = ana.post("/api/v1/kb/articles", json=ARTICLE)
    assert refused.status_code == 403 and "admins and team leads" in refused.json()["detail"]
    article = tom.post("/api/v1/kb/articles", json=ARTICLE).json()
    assert sue.patch(f"/api/v1/kb/articles/{article['id']}", json={"title": "x"}).status_code == 403
    assert ana.delete(f"/api/v1/kb/articles/{article['id']}").status_code == 403
    assert sue.get(f"/api/v1/kb/articles/{article['id']}").json()["title"] == ARTICLE["title"]


def test_bad_articles_are_refused_with_the_reason_and_nothing_is_stored(api):
    tom = api.login("tom")
    before = len(tom.get("/api/v1/kb/articles").json())
    cases = {
        "self-service link must be an absolute http(s) address": {**ARTICLE, "url": "javascript:alert(1)"},
        "snippets are per channel": {**ARTICLE, "snippets": {"sms": "hola"}},
        "the language is a code": {**ARTICLE, "language": "español"},
        "title": {**ARTICLE, "title": "   "},
        "Extra inputs are not permitted": {**ARTICLE, "author": "me"},
        "each tag must have 1 to 50 characters": {**ARTICLE, "tags": ["x" * 51]},
    }
    for reason, body in cases.items():
        answer = tom.post("/api/v1/kb/articles", json=body)
        assert answer.status_code == 422, (reason, answer.text)
        assert reason in json.dumps(answer.json(), ensure_ascii=False), (reason, answer.text)
    article = tom.post("/api/v1/kb/articles", json=ARTICLE).json()
    cleared = tom.patch(f"/api/v1/kb/articles/{article['id']}", json={"body": None})
    assert cleared.status_code == 422 and "body cannot be removed" in cleared.json()["detail"]
    assert len(tom.get("/api/v1/kb/articles").json()) == before + 1
    assert tom.get(f"/api/v1/kb/articles/{article['id']}").json()["body"] == ARTICLE["body"]


def test_import_from_json_and_csv_creates_then_updates_and_a_bad_file_writes_nothing(api, tmp_path: Path, capsys):
    tom = api.login("tom")
    before = {a["id"] for a in tom.get("/api/v1/kb/articles", params={"limit": 1000}).json()}
    as_json = tmp_path / "articles.json"
    as_json.write_text(json.dumps({"articles": [ARTICLE, {**ARTICLE, "title": "Horario", "body": "De 9 a 18 h."}]}))
    assert server_cli(["kb", "import", str(as_json), "--database", api.database_url]) == 0
    assert "2 articles created, 0 updated" in capsys.readouterr().out
    as_csv = tmp_path / "articles.csv"
    as_csv.write_text(
        "title,body,language,tags,url,snippet_whatsapp\n"
        "Horario,De 8 a 20 h.,es,horario;tienda,,Abrimos de 8 a 20 h.\n"
        "Opening hours,From 8 am to 8 pm.,en,hours,https://help.example/hours,\n",
        encoding="utf-8",
    )
    assert server_cli(["kb", "import", str(as_csv), "--database", api.database_url]) == 0
    assert "1 articles created, 1 updated" in capsys.readouterr().out
    new = [a for a in tom.get("/api/v1/kb/articles", params={"limit": 1000}).json() if a["id"] not in before]
    by_title = {a["title"]: a for a in new}
    assert sorted(by_title) == ["Horario", "Opening hours", "Restablecer la contraseña"]
    assert by_title["Horario"]["body"] == "De 8 a 20 h." and by_title["Horario"]["tags"] == ["horario", "tienda"]
    assert by_title["Horario"]["snippets"] == {"whatsapp": "Abrimos de 8 a 20 h."}

    bad = tmp_path / "bad.csv"
    bad.write_text("title,body,language\nBien,Texto,es\n,Sin título,es\nMal,Texto,klingon\n", encoding="utf-8")
    assert server_cli(["kb", "import", str(bad), "--database", api.database_url]) == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "record 2: title" in err and "record 3: language" in err
    assert len(tom.get("/api/v1/kb/articles", params={"limit": 1000}).json()) == len(before) + 3
