using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>Uploads catalogues through the API and runs the import handler as the job would.</summary>
public static class Imports
{
    public static readonly Encoding Cp949;

    static Imports()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp949 = Encoding.GetEncoding(949);
    }

    public static byte[] Utf8(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(Repo.Samples, name));

    public static async Task<HttpResponseMessage> PostAsync(HttpClient api, byte[] file, string fileName = "catalogue.csv")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", fileName);
        return await api.PostAsync("/api/v1/catalogue/imports", content);
    }

    /// <summary>Uploads, runs the import (as the import job would) and returns the API's view of it.</summary>
    public static async Task<JsonElement> ImportAsync(AppFactory app, HttpClient api, byte[] file, string fileName = "catalogue.csv")
    {
        var response = await PostAsync(api, file, fileName);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        await app.Get<RunImport>().RunAsync(id);
        return await GetAsync(api, id);
    }

    public static async Task<JsonElement> GetAsync(HttpClient api, long id)
    {
        var response = await api.GetAsync($"/api/v1/catalogue/imports/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<long> CountAsync(AppFactory app, string table, long sellerId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE seller_id = @sellerId", new { sellerId });
    }
}
