import { serve, launch } from "./support.mjs";
const server = await serve();
const browser = await launch();
for (const [vname, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1366, height: 900 }]]) {
  for (const theme of ["light", "dark"]) {
    const ctx = await browser.newContext({ viewport, colorScheme: theme });
    const page = await ctx.newPage();
    await page.goto(server.url + "/practice/expired-api-token/");
    await page.screenshot({ path: `/tmp/ppshots/${vname}-${theme}-scenario.png`, fullPage: true });
    await page.getByRole("link", { name: /^403 / }).click();
    await page.screenshot({ path: `/tmp/ppshots/${vname}-${theme}-inplace.png`, fullPage: true });
    await page.goto(server.url + "/practice/");
    await page.screenshot({ path: `/tmp/ppshots/${vname}-${theme}-index.png` });
    await page.goto(server.url + "/practice/expired-api-token/401/");
    await page.screenshot({ path: `/tmp/ppshots/${vname}-${theme}-answer.png`, fullPage: true });
    await ctx.close();
  }
}
await browser.close(); await server.close();
