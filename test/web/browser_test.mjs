// The MNIST page in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// picks a test image, then draws the same image as mouse strokes through the page's own pointer
// handlers, and checks that the prediction the page shows equals the API's and the CLI's
// (mnist_inference --impl software, whose first "Actual:" line is the image's). Writes a screenshot.
//   node browser_test.mjs MNIST_WEB MNIST_INFERENCE MODEL DATA_DIR OUT_DIR [INDEX]
import { chromium } from "playwright-core";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { imageToStrokes } from "./strokes.mjs";

const [webExe, cliExe, model, dataDir, outDir, indexArg] = process.argv.slice(2);
const index = Number(indexArg ?? 18);
let passed = 0, failed = 0;
function check(what, ok, detail = "") {
  if (ok) ++passed; else ++failed;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ": " + detail : ""}`);
}

function startServer() {
  const server = spawn(webExe, ["--port", "0", "--model", model, "--data_dir", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error("mnist_web did not start in 60 s")), 60000);
    server.stdout.on("data", (chunk) => {
      text += chunk;
      const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ server, url: m[0] }); }
    });
    server.on("exit", (code) => reject(new Error(`mnist_web exited with ${code}`)));
  });
}

const { server, url } = await startServer();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "rtlnet-chromium-"));
let context;
try {
  const image = await (await fetch(`${url}api/test_image/${index}`)).json();
  const api = await (await fetch(`${url}api/predict`, {
    method: "POST",
    body: JSON.stringify({ pixels: image.pixels, normalize: false }),
  })).json();
  const cliOut = execFileSync(cliExe, ["--impl", "software", "--start_image", String(index), "--num_images", "2",
    "--no-verbose", "--model", model, "--data_dir", dataDir], { encoding: "utf8" });
  const cli = Number(cliOut.match(/Actual: (\d+)/)[1]);
  check(`API and CLI agree on test image ${index}`, api.prediction === cli, `API ${api.prediction}, CLI ${cli}, label ${image.label}`);

  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(url) && !r.url().startsWith("data:")) foreign.push(r.url()); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);

  const settled = async () => {
    await page.waitForTimeout(200);
    await page.waitForFunction(() => {
      const s = document.getElementById("status");
      return s.dataset.state === "done" && s.dataset.requests === s.dataset.sent;
    }, null, { timeout: 30000 });
    return Number(await page.textContent("#prediction"));
  };

  // 1. The picker: the test image's own pixels.
  await page.fill("#index", String(index));
  await page.click("#load");
  const picked = await settled();
  check("picker shows the API's prediction", picked === api.prediction, `page ${picked}`);

  // 2. Drawing: clear, then the image as strokes with the mouse.
  await page.click("#clear");
  const box = await page.locator("#draw").boundingBox();
  const scale = box.width / 28;
  const strokes = imageToStrokes(image.pixels);
  for (const [a, b] of strokes) {
    await page.mouse.move(box.x + a.x * scale, box.y + a.y * scale);
    await page.mouse.down();
    await page.mouse.move(box.x + b.x * scale, box.y + b.y * scale, { steps: Math.max(1, Math.round(b.x - a.x)) });
    await page.mouse.up();
  }
  const drawn = await settled();
  check(`drawn image (${strokes.length} strokes) shows the API's and CLI's prediction`, drawn === api.prediction && drawn === cli,
    `page ${drawn}, API ${api.prediction}, CLI ${cli}`);
  const source = await page.textContent("#source");
  check("the shown result is the drawing's", source === "your drawing", source);
  const hardware = await page.textContent('#impls tr[data-impl="hardware"] td:last-child');
  check("the accelerator's answer is shown", Number(hardware) === drawn, `hardware ${hardware}`);
  check("all implementations agree", (await page.textContent("#agree")) === "All implementations agree.");
  check("cycle count shown", /193 cycles/.test(await page.textContent("#cycles")));
  const waveTitles = await page.locator("#waveform svg title").allTextContents();
  check("waveform SVG shown with the argmax", waveTitles.some((t) => t.startsWith(`argmax_0: ${drawn} `)), `${waveTitles.length} segments`);
  check("nothing fetched from elsewhere", foreign.length === 0, foreign.join(", "));
  check("no script errors", errors.length === 0, errors.join("; "));

  fs.mkdirSync(outDir, { recursive: true });
  const shot = path.join(outDir, "mnist_web.png");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
} catch (e) {
  check("browser test ran", false, e.stack ?? String(e));
} finally {
  if (context) await context.close();
  server.kill();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
