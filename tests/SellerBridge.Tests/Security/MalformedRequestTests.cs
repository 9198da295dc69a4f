using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Security;

/// <summary>Bodies that are broken or far too big are the sender's fault: a 4xx with a clear problem, never a 500.</summary>
public sealed class MalformedRequestTests
{
    private const string TruncatedPart = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"catalogue.csv\"\r\nContent-Type: text/csv\r\n\r\nseller_sku,name_ko\r\nA-1,";

    public static TheoryData<string> BrokenMultipartBodies => new() { "garbage", TruncatedPart };

    [Theory]
    [MemberData(nameof(BrokenMultipartBodies))]
    public async Task A_broken_multipart_upload_to_the_api_is_a_400_problem(string body)
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);

        using var response = await api.PostAsync("/api/v1/catalogue/imports", Multipart(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("multipart", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(app.Log.Errors);
    }

    [Theory]
    [MemberData(nameof(BrokenMultipartBodies))]
    public async Task A_broken_multipart_upload_in_the_portal_is_a_400_page_in_korean(string body)
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);
        var token = PortalClient.AntiforgeryToken(await portal.GetPageAsync("/catalogue"));

        // As the page's script sends it (token in a header), and as a plain form post would (token in the body it cannot read).
        using var scripted = new HttpRequestMessage(HttpMethod.Post, "/catalogue/imports") { Content = Multipart(body) };
        scripted.Headers.Add("X-CSRF-TOKEN", token);
        using var viaScript = await portal.Http.SendAsync(scripted);
        using var viaForm = await portal.Http.PostAsync("/catalogue/imports", Multipart(body));

        foreach (var response in new[] { viaScript, viaForm })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"error-page\"", page);
            Assert.Contains("요청을 처리할 수 없습니다", page);
        }

        Assert.Empty(app.Log.Errors);
    }

    public static TheoryData<string, string> OversizedForms()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/account/login", "/account/signup", "/culture" })
        {
            data.Add(path, "5000 fields");
            data.Add(path, "one 5 MB field");
            data.Add(path, "a 40 MB body");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OversizedForms))]
    public async Task An_oversized_form_is_refused_with_a_4xx_page_not_a_500(string path, string shape)
    {
        await using var app = AppFactory.For("Sqlite");
        using var portal = app.Portal();
        var token = PortalClient.AntiforgeryToken(await portal.GetPageAsync("/account/login"));
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("Email", "a@example.kr") };
        switch (shape)
        {
            case "5000 fields":
                fields.AddRange(Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>("f" + i, "x")));
                break;
            case "one 5 MB field":
                fields.Add(new("Password", new string('x', 5 * 1024 * 1024)));
                break;
            default:
                fields.AddRange(Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, string>("f" + i, new string('x', 1024 * 1024))));
                break;
        }

        using var response = await portal.Http.PostAsync(path, new FormUrlEncodedContent(fields));

        Assert.True(
            response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge,
            $"{path} with {shape} answered {(int)response.StatusCode} {response.Headers.Location}\n{string.Join("\n", app.Log.Errors)}");
        Assert.Contains("data-testid=\"error-page\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(app.Log.Errors);
    }

    [Fact]
    public async Task The_problem_page_speaks_english_when_the_portal_is_in_english()
    {
        await using var app = AppFactory.For("Sqlite");
        using var portal = app.Portal();
        var page = await portal.GetPageAsync("/account/login");
        await portal.Http.PostAsync("/culture", new FormUrlEncodedContent([new("culture", "en-US"), new("__RequestVerificationToken", PortalClient.AntiforgeryToken(page))]));
        var token = PortalClient.AntiforgeryToken(await portal.GetPageAsync("/account/login"));

        using var response = await portal.Http.PostAsync(
            "/account/login",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>("f" + i, "x"))]));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("The request could not be processed", await response.Content.ReadAsStringAsync());
    }

    private static StringContent Multipart(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XyZ");
        return content;
    }
}
