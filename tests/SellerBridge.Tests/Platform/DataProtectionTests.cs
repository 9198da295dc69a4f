using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

public sealed class DataProtectionTests
{
    [Theory]
    [AllProviders]
    public async Task A_cookie_issued_by_one_node_is_accepted_by_another_on_the_same_database(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var nodeA = new AppFactory(database, ownsDatabase: false);
        var seller = await Accounts.CreateAsync(nodeA);
        using var portalA = nodeA.Portal();
        var signIn = await portalA.SignInAsync(seller.Email, Accounts.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sb.auth=", StringComparison.Ordinal)).Split(';')[0];

        await using var nodeB = new AppFactory(database, ownsDatabase: false);
        using var clientB = nodeB.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", cookie);

        var response = await clientB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("대시보드", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [AllProviders]
    public async Task With_a_certificate_configured_the_stored_keys_hold_no_plaintext_and_cookies_survive_a_restart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        using var certificate = TestCertificate.Create();
        string cookie;
        await using (var before = new AppFactory(database, certificate.Settings, ownsDatabase: false))
        {
            var seller = await Accounts.CreateAsync(before);
            using var portal = before.Portal();
            var signIn = await portal.SignInAsync(seller.Email, Accounts.Password);
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sb.auth=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using (var connection = await database.Open().OpenAsync())
        {
            var keys = (await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedData", xml);
                Assert.DoesNotContain("<value>", xml);
            });
        }

        await using (var restarted = new AppFactory(database, certificate.Settings, ownsDatabase: false))
        {
            Assert.Equal(HttpStatusCode.OK, (await DashboardAsync(restarted, cookie)).StatusCode);
        }

        // Without the certificate the stored keys cannot be read, so the cookie opens nothing.
        await using var withoutCertificate = new AppFactory(database, ownsDatabase: false);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAsync(withoutCertificate, cookie)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_certificate_password_stops_the_app_at_start_naming_the_key()
    {
        using var certificate = TestCertificate.Create();
        var settings = new Dictionary<string, string?>(certificate.Settings) { ["DataProtection:CertificatePassword"] = "not-the-password" };
        await using var app = AppFactory.For("Sqlite", settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => app.CreateClient()));

        Assert.Contains("DataProtection__CertificatePassword", error.ToString());
    }

    [Fact]
    public async Task Live_mode_in_production_without_a_certificate_refuses_to_start()
    {
        using var rsa = RSA.Create(2048);
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Marketplace:Mode"] = "Live",
            ["Marketplace:GatewayUrl"] = "http://127.0.0.1:9/router/rest",
            ["Marketplace:AppKey"] = "12345678",
            ["Marketplace:AppSecret"] = "secret",
            ["Marketplace:SessionKey"] = "session",
            ["Payments:GatewayUrl"] = "http://127.0.0.1:9/gateway.do",
            ["Payments:NotifyUrl"] = "http://127.0.0.1:9/payments/notify",
            ["Payments:AppId"] = "2021000000000000",
            ["Payments:SellerId"] = "2088000000000000",
            ["Payments:AppPrivateKey"] = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
            ["Payments:ProcessorPublicKey"] = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()),
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => app.CreateClient()));

        Assert.True(error.ToString().Contains("DataProtection__CertificatePath", StringComparison.Ordinal), error.ToString());
    }

    private static async Task<HttpResponseMessage> DashboardAsync(AppFactory app, string cookie)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>A self-signed RSA certificate in a password-protected PFX file, as openssl makes one.</summary>
    private sealed class TestCertificate : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"sb-keys-{Guid.NewGuid():N}.pfx");

        private TestCertificate()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=SellerBridge data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            File.WriteAllBytes(_path, certificate.Export(X509ContentType.Pfx, password));
            Settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = _path, ["DataProtection:CertificatePassword"] = password };
        }

        public Dictionary<string, string?> Settings { get; }

        public static TestCertificate Create() => new();

        public void Dispose() => File.Delete(_path);
    }
}
