using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Journeys;

/// <summary>
/// The seller's whole path in a real browser, against the app started as the README starts it
/// (Sandbox mode: the simulated marketplace audits, lists and sends buyers; the simulated
/// processor pays and notifies). Only the sandbox's pace is turned up so the journey takes a
/// minute, not an hour. Run once in Korean and once in English, screenshots of every step saved.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class SellerJourneyTests
{
    /// <summary>The words the journey reads and types, in the portal's two languages.</summary>
    public sealed record Words(
        string Code,
        string CompanyName,
        string Brn,
        string ContactName,
        string Email,
        string Password,
        string ConfirmPassword,
        string SignOut,
        string Review,
        string Approved,
        string Dashboard,
        string Completed,
        string PriceReason,
        string Ready,
        string Live,
        string Paid,
        string Sent,
        string Finished,
        string DraftsUpToDate,
        string Shipped,
        string JobSucceeded,
        string CleanupJob);

    public static readonly Words Korean = new(
        "ko", "회사명", "사업자등록번호", "담당자 이름", "이메일", "비밀번호", "비밀번호 확인", "로그아웃", "심사하기", "승인됨", "대시보드",
        "완료", "정수로 입력하세요", "준비 완료", "판매 중", "결제 완료", "전송 완료", "완료: 판매 중", "등록 초안이 최신입니다", "발송 완료", "성공", "30일이 지난 작업 실행 기록을 지웁니다");

    public static readonly Words English = new(
        "en", "Company name", "Business registration number", "Contact name", "Email", "Password", "Confirm password", "Sign out", "Review", "Approved", "Dashboard",
        "Completed", "Enter the price as a whole number of won", "Ready", "Live", "Paid", "Sent", "Finished:", "Drafts are up to date", "Shipped", "Succeeded", "Deletes job run history older than 30 days");

    [Fact]
    public async Task A_korean_seller_goes_from_sign_up_to_a_paid_and_shipped_order() => await JourneyAsync(Korean);

    [Fact]
    public async Task An_english_speaking_seller_goes_from_sign_up_to_a_paid_and_shipped_order() => await JourneyAsync(English);

    private static async Task JourneyAsync(Words w)
    {
        await using var browser = await Browser.StartAsync($"seller-journey-{w.Code}");
        using var database = TestDatabase.Create("Sqlite");
        await using var app = await RunningApp.StartAsync(database, new Dictionary<string, string>
        {
            // The sandbox's pace, turned up: audits in seconds, a buyer every few seconds who pays at once.
            ["Sandbox__Marketplace__AuditDelaySeconds"] = "2",
            ["Sandbox__Marketplace__Buyers__OrdersPerMinute"] = "20",
            ["Sandbox__Marketplace__Buyers__PayAfterSeconds"] = "2",
            ["Sandbox__Marketplace__Buyers__UnpaidRate"] = "0",
            ["Sandbox__Marketplace__Buyers__FinishAfterSeconds"] = "3600",
            ["Listings__AuditCheckDelaySeconds"] = "1",
            ["Listings__AuditIntervalSeconds"] = "2",
            ["Orders__PullIntervalSeconds"] = "5",
            ["Orders__ShipmentIntervalSeconds"] = "5",
        });
        var consoleErrors = new List<string>();
        var email = $"journey-{w.Code}-{Guid.NewGuid():N}"[..24] + "@jeju-cosmetics.kr";
        const string password = "jeju-beauty-2026";

        // 1. A new seller signs up (switching the portal to English first when that is the seller's language).
        var seller = await browser.NewPageAsync(app.Url);
        Watch(seller, consoleErrors);
        await seller.GotoAsync("/account/signup");
        if (w == English)
        {
            await seller.GetByTestId("language-switch").ClickAsync();
        }

        await Assertions.Expect(seller.Locator("html")).ToHaveAttributeAsync("lang", w.Code);
        var brn = Accounts.RandomBrn();
        await seller.GetByLabel(w.CompanyName).FillAsync("청정제주 화장품 주식회사");
        await seller.GetByLabel(w.Brn).FillAsync($"{brn[..3]}-{brn[3..5]}-{brn[5..]}");
        await seller.GetByLabel(w.ContactName).FillAsync("김하늘");
        await seller.GetByLabel(w.Email).FillAsync(email);
        await seller.GetByLabel(w.Password, new() { Exact = true }).FillAsync(password);
        await seller.GetByLabel(w.ConfirmPassword).FillAsync(password);
        await browser.ScreenshotAsync(seller, "sign-up");
        await seller.GetByTestId("signup-submit").ClickAsync();

        // The sign-up answers alike for a registered email, so the new seller signs in next.
        await Assertions.Expect(seller.GetByTestId("login-submit")).ToBeVisibleAsync();
        await seller.GetByLabel(w.Email).FillAsync(email);
        await seller.GetByLabel(w.Password).FillAsync(password);
        await seller.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("pending-banner")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(seller, "waiting-for-approval");
        await seller.GetByRole(AriaRole.Button, new() { Name = w.SignOut }).ClickAsync();

        // 2. The operator approves it.
        var op = await browser.NewPageAsync(app.Url);
        Watch(op, consoleErrors);
        await op.GotoAsync("/account/login");
        if (w == English)
        {
            await op.GetByTestId("language-switch").ClickAsync();
        }

        await op.GetByLabel(w.Email).FillAsync(app.OperatorEmail);
        await op.GetByLabel(w.Password).FillAsync(app.OperatorPassword);
        await op.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(op.GetByTestId("op-pending")).ToHaveTextAsync("1");
        await op.GetByRole(AriaRole.Link, new() { Name = w.Review }).ClickAsync();
        var row = op.Locator($"tr[data-seller-email='{email}']");
        await row.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(op.Locator($"tr[data-seller-email='{email}']")).ToContainTextAsync(w.Approved);
        await browser.ScreenshotAsync(op, "operator-approves");

        // 3. The seller signs in and uploads the catalogue as Korean Excel saves it (CP949): one row is refused.
        await seller.GotoAsync("/account/login");
        await seller.GetByLabel(w.Email).FillAsync(email);
        await seller.GetByLabel(w.Password).FillAsync(password);
        await seller.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("dashboard-title")).ToHaveTextAsync(w.Dashboard);
        await Assertions.Expect(seller.GetByTestId("seller-status")).ToHaveTextAsync(w.Approved);
        await seller.GotoAsync("/catalogue");
        await seller.GetByTestId("file-input").SetInputFilesAsync(Path.Combine(Repo.Samples, "catalogue-cp949.csv"));
        await seller.GetByTestId("upload-submit").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("import-status")).ToHaveTextAsync(w.Completed, new() { Timeout = 60_000 });
        await Assertions.Expect(seller.GetByTestId("rows-rejected")).ToHaveTextAsync("1");
        await Assertions.Expect(seller.GetByTestId("errors-table")).ToContainTextAsync(w.PriceReason);
        await Assertions.Expect(seller.GetByTestId("errors-table")).ToContainTextAsync("16");
        await browser.ScreenshotAsync(seller, "import-with-a-refused-row");

        // 4. It fixes the row in its spreadsheet and uploads the file again.
        await seller.GotoAsync("/catalogue");
        await seller.GetByTestId("file-input").SetInputFilesAsync(Path.Combine(Repo.Samples, "catalogue-cp949-fixed.csv"));
        await seller.GetByTestId("upload-submit").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("import-status")).ToHaveTextAsync(w.Completed, new() { Timeout = 60_000 });
        await Assertions.Expect(seller.GetByTestId("rows-rejected")).ToHaveTextAsync("0");
        await browser.ScreenshotAsync(seller, "fixed-file-imported");

        // 5. A product without a Chinese title: the page says so; the seller fills it in and the product is ready.
        await seller.GotoAsync("/catalogue/products?status=NeedsAttention");
        await browser.ScreenshotAsync(seller, "products-needing-attention");
        await seller.Locator("tr[data-sku='KR-0023'] a").ClickAsync();
        await Assertions.Expect(seller.Locator("[data-testid=problem][data-code='name_zh.missing']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(seller, "product-without-chinese-title");
        await seller.Locator("#nameZh").FillAsync("细毛软毛牙刷 10支装");
        await seller.GetByTestId("save").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("ready")).ToBeVisibleAsync();
        await Assertions.Expect(seller.GetByTestId("listing-status")).ToHaveTextAsync(w.Ready);
        await Assertions.Expect(seller.GetByTestId("title")).ToHaveTextAsync("细毛软毛牙刷 10支装");
        await browser.ScreenshotAsync(seller, "chinese-title-filled-in");

        // 6. It submits every ready product; the submission page follows them live until the sandbox's audit lists them.
        await seller.GotoAsync("/listings");
        await seller.GetByTestId("submit-all").ClickAsync();
        await Assertions.Expect(seller).ToHaveURLAsync(SubmissionUrl());
        var live = seller.Locator("#submission-counts [data-status='Live'] strong");
        await Assertions.Expect(seller.Locator("#submission-status")).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = 120_000 });
        Assert.True(int.Parse(await live.InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0);
        await Assertions.Expect(seller.GetByTestId("submission-result")).ToContainTextAsync(w.Finished);
        await browser.ScreenshotAsync(seller, "submission-finished");
        await seller.GotoAsync("/listings?status=Live");
        await Assertions.Expect(seller.GetByTestId("listings")).ToContainTextAsync("KR-0023");
        await browser.ScreenshotAsync(seller, "live-listings");

        // 7. A sandbox buyer orders and pays; the seller sees the order paid, with what reaches it in won.
        await seller.GotoAsync("/orders");
        var firstOrder = seller.Locator("[data-testid=orders-table] tbody tr a").First;
        await ReloadUntilAsync(seller, firstOrder, TimeSpan.FromSeconds(120));
        await browser.ScreenshotAsync(seller, "orders");
        await firstOrder.ClickAsync();
        await ReloadUntilAsync(seller, seller.GetByTestId("payment-status").GetByText(w.Paid, new() { Exact = true }), TimeSpan.FromSeconds(90));
        var net = seller.Locator("[data-testid=order-lines] [data-testid=line-net]").Last;
        await Assertions.Expect(net).ToHaveTextAsync(WonAmount());
        await browser.ScreenshotAsync(seller, "order-paid-with-settlement");

        // 8. Once the marketplace marks it paid too, the seller enters the tracking number; the shipment is reported and shown sent.
        await ReloadUntilAsync(seller, seller.Locator("#carrier"), TimeSpan.FromSeconds(60));
        await seller.Locator("#carrier").SelectOptionAsync("SF");
        await seller.Locator("#trackingNumber").FillAsync("SF1234567890123");
        await seller.GetByTestId("shipment-form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("shipment")).ToContainTextAsync("SF1234567890123");
        await browser.ScreenshotAsync(seller, "tracking-number-entered");
        // No reload: the page follows the shipment until the job has reported it.
        await Assertions.Expect(seller.GetByTestId("shipment").GetByText(w.Sent, new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(seller.GetByTestId("order-status")).ToHaveTextAsync(w.Shipped, new() { Timeout = 30_000 });
        await Assertions.Expect(seller.GetByTestId("shipment-form")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(seller, "order-shipped");

        // 9. The dashboard tells the same story.
        await seller.GotoAsync("/");
        await Assertions.Expect(seller.GetByTestId("figure-live")).Not.ToHaveTextAsync("0");
        await browser.ScreenshotAsync(seller, "dashboard");

        // 10. The operator's dashboard shows the day's submission and its calls.
        await op.GotoAsync("/operator");
        await Assertions.Expect(op.GetByTestId("op-submissions")).ToHaveTextAsync("1");
        await browser.ScreenshotAsync(op, "operator-dashboard");

        // 11. The operator sets a new rate; the page follows the drafts' recompute live and ends with its result.
        await op.GotoAsync("/operator/rates");
        await op.Locator("#krwPerCny").FillAsync("191.50");
        await op.GetByTestId("rate-form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(op.GetByTestId("drafts-text")).ToContainTextAsync(w.DraftsUpToDate, new() { Timeout = 60_000 });
        await browser.ScreenshotAsync(op, "rate-changed-drafts-recomputed");

        // 12. "Run now" on a job that runs once an hour: the jobs page shows its outcome without a reload.
        await op.GotoAsync("/operator/jobs");
        var cleanup = op.Locator("tr[data-job-name='job-runs-cleanup']");
        await Assertions.Expect(cleanup).ToContainTextAsync(w.CleanupJob);
        await Assertions.Expect(cleanup.GetByTestId("last-outcome")).ToBeEmptyAsync();
        await cleanup.GetByTestId("run-now").ClickAsync();
        await Assertions.Expect(op.Locator("tr[data-job-name='job-runs-cleanup'] [data-testid=last-outcome]")).ToContainTextAsync(w.JobSucceeded, new() { Timeout = 30_000 });
        await browser.ScreenshotAsync(op, "job-run-now");

        // 13. Hangfire's own dashboard, linked from the jobs page, works under the portal's content security policy.
        await op.GetByTestId("hangfire-dashboard").ClickAsync();
        await op.WaitForURLAsync("**/operator/hangfire**");
        await op.GotoAsync("/operator/hangfire/recurring");
        await Assertions.Expect(op.Locator("table").GetByText("job-runs-cleanup").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(op, "hangfire-dashboard");

        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        // No error logged, whether the app wrote plain lines (fail:) or JSON ones, as outside development.
        var errorLines = app.Output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"fail:|""LogLevel"":""(Error|Critical)""")).ToList();
        Assert.True(errorLines.Count == 0, string.Join("\n", errorLines));
    }

    private static void Watch(IPage page, List<string> errors) =>
        page.Console += (_, message) =>
        {
            // The sample catalogue's image addresses are made up (img.example.com), so the browser cannot fetch them.
            if (message.Type == "error" && !message.Text.Contains("ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal))
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };

    /// <summary>Reloads the page (as a seller waiting for news would) until <paramref name="locator"/> shows.</summary>
    private static async Task ReloadUntilAsync(IPage page, ILocator locator, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (await locator.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < until, $"{page.Url} did not show {locator} in time");
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }
    }

    [GeneratedRegex(@"/listings/submissions/\d+$")]
    private static partial Regex SubmissionUrl();

    [GeneratedRegex(@"^\d{1,3}(,\d{3})*$")]
    private static partial Regex WonAmount();
}
