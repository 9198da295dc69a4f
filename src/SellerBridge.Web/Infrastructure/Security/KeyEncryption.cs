using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>Section <c>DataProtection</c>: the certificate that encrypts the data-protection keys kept in the database.</summary>
public sealed class KeyEncryptionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file holding an RSA certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(CertificatePath);
}

/// <summary>
/// Encrypts the data-protection keys at rest with ASP.NET Core's certificate encryptor, so that a
/// copy of the database (a backup, a dump) cannot forge cookies or antiforgery tokens without the
/// certificate. Decryption uses the same certificate, so no certificate store is involved.
/// Without one, Sandbox mode keeps the keys unencrypted with a warning; Live mode in Production
/// refuses to start, and elsewhere it starts with an error in the log.
/// </summary>
public static class KeyEncryption
{
    public static WebApplicationBuilder AddKeyEncryption(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyEncryptionOptions>().BindConfiguration(KeyEncryptionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeyEncryptionOptions>, Validation>();
        builder.Services.AddHostedService<WarnWhenUnencrypted>();

        // The encryptor takes the certificate itself, and also hands it to the decryptor, which
        // would otherwise look for it in the machine's certificate store.
        var options = builder.Configuration.GetSection(KeyEncryptionOptions.Section).Get<KeyEncryptionOptions>() ?? new KeyEncryptionOptions();
        if (options.Configured && TryLoad(options, out var certificate, out _))
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        }

        return builder;
    }

    private static bool TryLoad(KeyEncryptionOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out X509Certificate2? certificate, out string error)
    {
        certificate = null;
        if (!File.Exists(options.CertificatePath))
        {
            error = $"DataProtection__CertificatePath: no file at {options.CertificatePath}.";
            return false;
        }

        try
        {
            var loaded = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            using var key = loaded.GetRSAPrivateKey();
            if (key is null)
            {
                loaded.Dispose();
                error = "DataProtection__CertificatePath: the certificate needs its RSA private key in the file.";
                return false;
            }

            certificate = loaded;
            error = "";
            return true;
        }
        catch (CryptographicException ex)
        {
            error = $"DataProtection__CertificatePath / DataProtection__CertificatePassword: the file cannot be opened as a PKCS#12 certificate ({ex.Message}).";
            return false;
        }
    }

    /// <summary>A certificate that cannot be used stops the app at start, naming the key, instead of at the first cookie.</summary>
    private sealed class Validation(IOptions<MarketplaceOptions> marketplace, IHostEnvironment environment) : IValidateOptions<KeyEncryptionOptions>
    {
        public ValidateOptionsResult Validate(string? name, KeyEncryptionOptions options)
        {
            if (!options.Configured)
            {
                return marketplace.Value.Mode == MarketplaceMode.Live && environment.IsProduction()
                    ? ValidateOptionsResult.Fail("DataProtection__CertificatePath is required in Live mode: the data-protection keys in the database must be encrypted (see the README, Deploying).")
                    : ValidateOptionsResult.Success;
            }

            if (!TryLoad(options, out var certificate, out var error))
            {
                return ValidateOptionsResult.Fail(error);
            }

            certificate.Dispose();
            return ValidateOptionsResult.Success;
        }
    }

    private sealed class WarnWhenUnencrypted(
        IOptions<KeyEncryptionOptions> options,
        IOptions<MarketplaceOptions> marketplace,
        ILogger<KeyEncryptionOptions> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Configured)
            {
                return Task.CompletedTask;
            }

            if (marketplace.Value.Mode == MarketplaceMode.Live)
            {
                logger.LogError("Data-protection keys are stored UNENCRYPTED in the database in Live mode: set DataProtection__CertificatePath and DataProtection__CertificatePassword. In Production the app refuses to start without them.");
            }
            else
            {
                logger.LogWarning("Data-protection keys are stored unencrypted in the database (Sandbox mode): set DataProtection__CertificatePath and DataProtection__CertificatePassword to encrypt them.");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
