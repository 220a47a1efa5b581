#!/usr/bin/env python3
"""Drives `kazterm serve`'s page in headless Chromium through its WebDriver
(Selenium), as a user would: paste the shipped corpus and check it, switch
the language, search the glossary, download a deck. Prints one JSON report
of what it saw; tests/browser.rs runs it and judges.

    page.py URL CORPUS_FILE SCREENSHOT.png DOWNLOAD_DIR [CHROMEDRIVER]
"""
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def main():
    url, corpus, screenshot, downloads = sys.argv[1:5]
    driver_path = sys.argv[5] if len(sys.argv) > 5 else "/usr/bin/chromedriver"
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--window-size=1280,1000", "--lang=kk"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    browser = webdriver.Chrome(service=Service(driver_path), options=options)
    seen = {}
    try:
        wait = WebDriverWait(browser, 60)
        browser.get(url)
        seen["title"] = browser.title
        seen["tab_kk"] = browser.find_element(By.CSS_SELECTOR, "nav button[data-tab=check]").text
        # Paste the corpus (and a hostile line) and check it.
        text = open(corpus, encoding="utf-8").read()
        hostile = "\n<script>window.__injected = 1</script> <img src=x onerror=\"window.__injected = 2\">\n"
        box = browser.find_element(By.ID, "text")
        browser.execute_script("arguments[0].value = arguments[1];", box, text + hostile)
        browser.find_element(By.ID, "run-check").click()
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#shown mark"))
        marks = browser.find_elements(By.CSS_SELECTOR, "#shown mark")
        seen["marks"] = [m.text for m in marks]
        seen["rows"] = len(browser.find_elements(By.CSS_SELECTOR, "#findings tbody tr"))
        seen["status"] = browser.find_element(By.ID, "status").text
        seen["shown_has_script_text"] = "<script>" in browser.find_element(By.ID, "shown").text
        browser.save_screenshot(screenshot)
        # Dismiss one finding: it leaves the highlighted text.
        browser.find_element(By.CSS_SELECTOR, "#findings tbody tr td:last-child button").click()
        seen["marks_after_dismiss"] = len(browser.find_elements(By.CSS_SELECTOR, "#shown mark"))
        # The language switch.
        browser.find_element(By.ID, "lang").click()
        seen["tab_en"] = browser.find_element(By.CSS_SELECTOR, "nav button[data-tab=check]").text
        # The glossary, searched in Latin letters without Kazakh ones.
        browser.find_element(By.CSS_SELECTOR, "nav button[data-tab=glossary]").click()
        query = browser.find_element(By.ID, "q")
        query.send_keys("kalkansha")
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#cards .card h3")
                   and "kalkansha" in b.find_element(By.ID, "q").get_attribute("value")
                   and b.find_element(By.CSS_SELECTOR, "#cards .card h3").text.startswith("қалқанша"))
        seen["first_card"] = browser.find_element(By.CSS_SELECTOR, "#cards .card h3").text
        # A glossary field that is markup stays text.
        query.clear()
        query.send_keys("hostile")
        wait.until(lambda b: any("hostile" in c.text for c in b.find_elements(By.CSS_SELECTOR, "#cards .card")))
        seen["hostile_card_text"] = browser.find_element(By.CSS_SELECTOR, "#cards").text
        # A deck from the whole glossary.
        browser.find_element(By.CSS_SELECTOR, "nav button[data-tab=deck]").click()
        browser.find_element(By.ID, "make-deck").click()
        wait.until(lambda b: b.find_element(By.ID, "deck-status").text not in ("", "Working…", "Жұмыс істеуде…"))
        seen["deck_status"] = browser.find_element(By.ID, "deck-status").text
        for _ in range(100):  # the download lands a moment later
            import os
            if os.path.exists(os.path.join(downloads, "kazterm.apkg")):
                break
            time.sleep(0.1)
        seen["injected"] = browser.execute_script("return window.__injected === undefined ? null : window.__injected;")
    finally:
        browser.quit()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main()
