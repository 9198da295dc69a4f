using System.Net;
using System.Text.RegularExpressions;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>Drives the portal like a browser: reads the antiforgery token from a page, posts forms, keeps the cookie.</summary>
public sealed partial class PortalClient(HttpClient http, ErrorLog? log = null) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<string> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}: {Truncate(body)}\n{string.Join("\n", log?.Errors ?? [])}");
        return body;
    }

    /// <summary>Loads <paramref name="formPage"/> for its antiforgery token, then posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await GetPageAsync(formPage);
        var token = AntiforgeryToken(page);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await Http.PostAsync(action, content);
    }

    public Task<HttpResponseMessage> PostFormAsync(string formPage, string action, params (string Key, string Value)[] fields) =>
        PostFormAsync(formPage, action, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await PostFormAsync("/account/login", "/account/login", ("Email", email), ("Password", password));

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token in a form.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Http.Dispose();

    private static string Truncate(string s) => s.Length > 400 ? s[..400] : s;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
