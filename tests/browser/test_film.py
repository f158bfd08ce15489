"""A film's player is requested only after the reader presses its button.

The real data has no video_url, so a copy of the project gets a test film
whose player lives on a second local server: another port, so another
origin, over HTTPS (video_url must be https://) with a throwaway certificate.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from .conftest import off_host, run_axe
from .harness import serve

pytestmark = pytest.mark.browser

FILM = """
  - id: test-player
    title:
      da: Testfilm med afspiller
      "no": Testfilm med avspiller
      sv: Testfilm med spelare
    description:
      da: En film, der kun findes i testen.
      "no": En film som bare finnes i testen.
      sv: En film som bara finns i testet.
    organisation:
      da: Testen
      "no": Testen
      sv: Testet
    year: 2024
    published:
      da: Kun her
      "no": Bare her
      sv: Bara här
    video_url: {url}
    transcript:
      da: Ingen tale, kun en prøve.
      "no": Ingen tale, bare en prøve.
      sv: Inget tal, bara ett prov.
"""


@pytest.fixture
def player_tls(tmp_path: Path) -> ssl.SSLContext:
    """A self-signed certificate for 127.0.0.1, made with openssl."""
    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed to make the test player's certificate"
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_film_player_loads_only_after_the_click(project_copy: Path, build_copy, open_page, player_tls, tmp_path: Path) -> None:
    player_root = tmp_path / "player"
    player_root.mkdir()
    (player_root / "embed.html").write_text(
        '<!doctype html><html lang="da"><title>Player</title><p id="playing">Afspiller</p></html>', encoding="utf-8")

    with serve(player_root, not_found=False, tls=player_tls) as player:
        films = project_copy / "data" / "films.yml"
        films.write_text(films.read_text(encoding="utf-8") + FILM.format(url=player.url("embed.html")), encoding="utf-8")
        built = build_copy()
        assert built.ok, built.output

        with serve(built.site_dir) as site:
            assert site.origin != player.origin
            _, watch = open_page("desktop", ignore_https_errors=True)
            page = watch.page
            watch.visit(site.url("da/films/"))
            page.wait_for_timeout(500)  # time for anything lazy to fire
            assert player.hits == [], "the player was fetched before the click"
            button = page.locator('[data-film="test-player"] [data-film-load]')
            assert button.count() == 1 and button.is_visible(), "the film's play button"
            assert not [url for _, url in watch.requests if url.startswith(player.origin)]
            assert not [url for _, url in watch.requests if off_host(site, url)], watch.requests
            violations = [f"{v['rule']}: {t}" for v in run_axe(page) for t in v["targets"]]
            assert not violations, violations

            with page.expect_request(lambda request: request.url.startswith(player.origin)) as request:
                button.click()
            assert request.value.url == player.url("embed.html")
            assert request.value.frame != page.main_frame, "the player is requested by an iframe"
            frame = page.frame_locator('[data-film="test-player"] iframe')
            assert frame.locator("#playing").inner_text() == "Afspiller"
            assert player.hits == ["/embed.html"]
            iframe = page.locator('[data-film="test-player"] iframe')
            assert iframe.get_attribute("title") == "Testfilm med afspiller"
            assert page.evaluate("() => document.activeElement.tagName") == "IFRAME", "focus moves to the player"
            violations = [f"{v['rule']}: {t}" for v in run_axe(page) for t in v["targets"]]
            assert not violations, violations
            assert not watch.errors, watch.errors
