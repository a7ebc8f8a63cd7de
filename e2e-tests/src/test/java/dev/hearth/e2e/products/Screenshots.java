package dev.hearth.e2e.products;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/** Screenshots of the products, written to docs/screenshots/ (committed; the README shows them). */
final class Screenshots {
    private Screenshots() {}

    static Path dir() {
        return Path.of(System.getProperty("hearth.screenshots", "../docs/screenshots")).toAbsolutePath().normalize();
    }

    static Path take(Page page, String name) {
        Path file = dir().resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }
}
