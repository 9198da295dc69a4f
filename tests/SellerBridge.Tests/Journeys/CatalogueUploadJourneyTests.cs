using Microsoft.Playwright;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Journeys;

/// <summary>Upload in a real browser: the page's script (under the strict content security policy) uploads, follows progress and shows the result.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CatalogueUploadJourneyTests
{
    [Fact]
    public async Task A_seller_uploads_the_korean_excel_file_sees_the_bad_row_and_fixes_it_by_uploading_again()
    {
        await using var browser = await Browser.StartAsync("catalogue-upload");
        using var database = TestDatabase.Create("Sqlite");
        await using var app = await RunningApp.StartAsync(database);
        var page = await browser.NewPageAsync(app.Url);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url} {message.Location}: {message.Text[..40]}");
            }
        };

        await page.GotoAsync("/account/login");
        await page.GetByLabel("이메일").FillAsync(app.SellerEmail);
        await page.GetByLabel("비밀번호").FillAsync(app.SellerPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GotoAsync("/catalogue");

        await page.GetByTestId("file-input").SetInputFilesAsync(Path.Combine(Repo.Samples, "catalogue-cp949.csv"));
        await browser.ScreenshotAsync(page, "choose-file");
        await page.GetByTestId("upload-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("완료", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("rows-rejected")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("errors-table")).ToContainTextAsync("판매가");
        await browser.ScreenshotAsync(page, "import-with-one-rejected-row");

        await page.GotoAsync("/catalogue");
        await page.GetByTestId("file-input").SetInputFilesAsync(Path.Combine(Repo.Samples, "catalogue-cp949-fixed.csv"));
        await page.GetByTestId("upload-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("완료", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("rows-rejected")).ToHaveTextAsync("0");
        await browser.ScreenshotAsync(page, "fixed-file-imported");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
