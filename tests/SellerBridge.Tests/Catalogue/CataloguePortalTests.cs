using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Tests.Catalogue;

public sealed class CataloguePortalTests
{
    [Fact]
    public async Task A_seller_uploads_in_the_portal_and_the_import_page_lists_the_rejected_row_in_korean()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app, status: "Pending");
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);
        var token = PortalClient.AntiforgeryToken(await portal.GetPageAsync("/catalogue"));

        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Imports.Sample("catalogue-cp949.csv")), "file", "엑셀상품목록.csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/catalogue/imports") { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await portal.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var url = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
        var queued = await portal.GetPageAsync(url);
        Assert.Contains("대기 중", queued);

        await app.Get<RunImport>().RunAsync(long.Parse(url.Split('/')[^1]));

        var page = await portal.GetPageAsync(url);
        Assert.Contains("엑셀상품목록.csv", page);
        Assert.Contains("완료", page);
        Assert.Contains("판매가", page);
        Assert.Contains("data-testid=\"download-errors\"", page);
        var progress = JsonDocument.Parse(await portal.Http.GetStringAsync(url + "/progress")).RootElement;
        Assert.True(progress.GetProperty("finished").GetBoolean());
        Assert.Equal(1, progress.GetProperty("rowsRejected").GetInt32());
        Assert.Contains("엑셀상품목록.csv", await portal.GetPageAsync("/catalogue"));
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);

        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Imports.Sample("catalogue-utf8.csv")), "file", "a.csv");
        var response = await portal.Http.PostAsync("/catalogue/imports", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Imports.CountAsync(app, "imports", seller.Id));
    }

    [Fact]
    public async Task Posting_no_file_says_what_to_do()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);

        var response = await portal.PostFormAsync("/catalogue", "/catalogue/imports", ("nothing", "here"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("올릴 카탈로그 파일을 선택하세요", await response.Content.ReadAsStringAsync());
    }
}
