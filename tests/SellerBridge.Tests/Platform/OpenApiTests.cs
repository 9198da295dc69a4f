using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

public sealed partial class OpenApiTests
{
    [Fact]
    public async Task The_document_is_json_with_the_api_key_scheme_and_lists_every_api_v1_route()
    {
        await using var app = AppFactory.For("Sqlite");
        using var client = app.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();

        var routes = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{Constraint().Replace(e.RoutePattern.RawText!, "}")}"))
            .ToList();
        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route, documented));
        Assert.Contains("POST /api/v1/catalogue/imports", documented);
    }

    [Fact]
    public async Task The_api_page_links_the_document()
    {
        await using var app = AppFactory.For("Sqlite");
        using var portal = app.Portal();
        var html = await portal.GetPageAsync("/api");
        Assert.Contains("/openapi/v1.json", html);
        Assert.Contains("/js/api-docs.js", html);
    }

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();
}
