using Microsoft.Playwright;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Journeys;

/// <summary>The first journey in a real browser against the app started as the README starts it.</summary>
[Collection(ProcessCollection.Name)]
public sealed class SignUpJourneyTests
{
    [Fact]
    public async Task A_new_seller_signs_up_is_approved_and_sees_the_korean_dashboard()
    {
        await using var browser = await Browser.StartAsync("signup-journey");
        using var database = TestDatabase.Create("Sqlite");
        await using var app = await RunningApp.StartAsync(database, new Dictionary<string, string> { ["Jobs__Enabled"] = "false" });
        Assert.False(string.IsNullOrEmpty(app.OperatorEmail), "The app should print the demo operator login:\n" + app.Output);
        var brn = Accounts.RandomBrn();

        var seller = await browser.NewPageAsync(app.Url);
        await seller.GotoAsync("/account/signup");
        await seller.GetByLabel("회사명").FillAsync("청정제주 화장품 주식회사");
        await seller.GetByLabel("사업자등록번호").FillAsync($"{brn[..3]}-{brn[3..5]}-{brn[5..]}");
        await seller.GetByLabel("담당자 이름").FillAsync("김하늘");
        await seller.GetByLabel("이메일").FillAsync("haneul@jeju-cosmetics.kr");
        await seller.GetByLabel("비밀번호", new() { Exact = true }).FillAsync("jeju-beauty-2026");
        await seller.GetByLabel("비밀번호 확인").FillAsync("jeju-beauty-2026");
        await browser.ScreenshotAsync(seller, "signup-form");
        await seller.GetByTestId("signup-submit").ClickAsync();

        // The sign-up answers alike for a registered email, so the new seller signs in next.
        await Assertions.Expect(seller.GetByTestId("login-submit")).ToBeVisibleAsync();
        await seller.GetByLabel("이메일").FillAsync("haneul@jeju-cosmetics.kr");
        await seller.GetByLabel("비밀번호").FillAsync("jeju-beauty-2026");
        await seller.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("pending-banner")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(seller, "pending-dashboard");
        await seller.GetByRole(AriaRole.Button, new() { Name = "로그아웃" }).ClickAsync();

        var op = await browser.NewPageAsync(app.Url);
        await op.GotoAsync("/account/login");
        await op.GetByLabel("이메일").FillAsync(app.OperatorEmail);
        await op.GetByLabel("비밀번호").FillAsync(app.OperatorPassword);
        await op.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(op.GetByTestId("operator-dashboard")).ToBeVisibleAsync();
        await Assertions.Expect(op.GetByTestId("op-pending")).ToHaveTextAsync("1");
        await browser.ScreenshotAsync(op, "operator-dashboard");
        await op.GetByRole(AriaRole.Link, new() { Name = "심사하기" }).ClickAsync();
        var row = op.Locator("tr[data-seller-email='haneul@jeju-cosmetics.kr']");
        await Assertions.Expect(row).ToContainTextAsync("심사 중");
        await browser.ScreenshotAsync(op, "operator-pending-sellers");
        await row.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(op.Locator("tr[data-seller-email='haneul@jeju-cosmetics.kr']")).ToContainTextAsync("승인됨");
        await browser.ScreenshotAsync(op, "operator-approved");

        await seller.GotoAsync("/account/login");
        await seller.GetByLabel("이메일").FillAsync("haneul@jeju-cosmetics.kr");
        await seller.GetByLabel("비밀번호").FillAsync("jeju-beauty-2026");
        await seller.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(seller.GetByTestId("dashboard-title")).ToHaveTextAsync("대시보드");
        await Assertions.Expect(seller.GetByTestId("seller-status")).ToHaveTextAsync("승인됨");
        await Assertions.Expect(seller.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await browser.ScreenshotAsync(seller, "approved-dashboard");
    }
}
