using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>
/// Our identity and keys at the processor, as configured; in Sandbox mode, what is not configured
/// is generated at first use and kept in <c>app_settings</c> so that every node shares it. Keys are
/// never logged and never written to the repository.
/// </summary>
public sealed class PaymentCredentials(IOptions<PaymentsOptions> options, IOptions<MarketplaceOptions> marketplace, IServiceProvider services)
{
    public const string SandboxAppId = "2021000100000001";
    public const string SandboxSellerId = "2088000000000001";
    internal const string AppKeySetting = "payments.sandbox.app_private_key";
    internal const string ProcessorKeySetting = "payments.sandbox.processor_private_key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private PaymentKeySet? _keys;

    public bool IsSandbox => marketplace.Value.Mode == MarketplaceMode.Sandbox;

    public async ValueTask<PaymentKeySet> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_keys is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _keys ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<PaymentKeySet> LoadAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!IsSandbox)
        {
            return PaymentKeySet.From(o.AppId!, o.SellerId!, o.AppPrivateKey!, o.ProcessorPublicKey!, processorPrivateKey: null);
        }

        var appPrivate = o.AppPrivateKey is { Length: > 0 } configuredApp ? configuredApp : await SettingAsync(AppKeySetting, cancellationToken);
        var processorPrivate = await SettingAsync(ProcessorKeySetting, cancellationToken);
        string processorPublic;
        if (o.ProcessorPublicKey is { Length: > 0 } configuredProcessor)
        {
            processorPublic = configuredProcessor;
        }
        else
        {
            using var key = AlipayKeys.LoadPrivate(processorPrivate);
            processorPublic = AlipayKeys.PublicKeyBase64(key);
        }

        return PaymentKeySet.From(o.AppId ?? SandboxAppId, o.SellerId ?? SandboxSellerId, appPrivate, processorPublic, processorPrivate);
    }

    /// <summary>Reads a generated key, creating it on first use; nodes starting together agree on the first one written.</summary>
    private async Task<string> SettingAsync(string name, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync(cancellationToken);
        var value = await connection.ExecuteScalarAsync<string?>("SELECT value FROM app_settings WHERE name = @name", new { name });
        if (value is not null)
        {
            return value;
        }

        var generated = AlipayKeys.NewPrivateKeyBase64();
        await connection.ExecuteAsync(
            db.Dialect.InsertIgnoreDuplicates("app_settings", "name, value", "@name, @generated", "name"),
            new { name, generated });
        return await connection.ExecuteScalarAsync<string>("SELECT value FROM app_settings WHERE name = @name", new { name }) ?? generated;
    }
}

/// <summary>
/// Loaded credentials. Keys are held as DER bytes. One RSA instance is not documented as safe to
/// share between threads, so each use gets its own: a fresh one for our private key (rarely used),
/// and for the processor's public key, which checks every notification, one taken from a small
/// pool and given back (making one costs several times the verification itself).
/// </summary>
public sealed class PaymentKeySet
{
    private readonly ConcurrentBag<RSA> _processorPublicPool = [];
    private readonly byte[] _appPrivate;
    private readonly byte[] _processorPublic;
    private readonly byte[]? _processorPrivate;

    private PaymentKeySet(string appId, string sellerId, byte[] appPrivate, byte[] processorPublic, byte[]? processorPrivate)
    {
        AppId = appId;
        SellerId = sellerId;
        _appPrivate = appPrivate;
        _processorPublic = processorPublic;
        _processorPrivate = processorPrivate;
    }

    public string AppId { get; }

    public string SellerId { get; }

    /// <summary>Our public key, as the processor (or the sandbox) needs it to verify our requests.</summary>
    public string AppPublicKeyBase64
    {
        get
        {
            using var key = AppPrivate();
            return AlipayKeys.PublicKeyBase64(key);
        }
    }

    /// <summary>Only in Sandbox mode: the in-process processor's signing key.</summary>
    public string? SandboxProcessorPrivateKeyBase64 => _processorPrivate is null ? null : Convert.ToBase64String(_processorPrivate);

    public static PaymentKeySet From(string appId, string sellerId, string appPrivateKey, string processorPublicKey, string? processorPrivateKey)
    {
        using var app = AlipayKeys.LoadPrivate(appPrivateKey);
        using var processor = AlipayKeys.LoadPublic(processorPublicKey);
        byte[]? processorPrivate = null;
        if (processorPrivateKey is not null)
        {
            using var key = AlipayKeys.LoadPrivate(processorPrivateKey);
            processorPrivate = key.ExportPkcs8PrivateKey();
        }

        return new PaymentKeySet(appId, sellerId, app.ExportPkcs8PrivateKey(), processor.ExportSubjectPublicKeyInfo(), processorPrivate);
    }

    public RSA AppPrivate()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_appPrivate, out _);
        return rsa;
    }

    /// <summary>Runs <paramref name="use"/> with the processor's public key, on an instance no other thread holds meanwhile.</summary>
    public T WithProcessorPublic<T>(Func<RSA, T> use)
    {
        if (!_processorPublicPool.TryTake(out var key))
        {
            key = ProcessorPublic();
        }

        try
        {
            return use(key);
        }
        finally
        {
            _processorPublicPool.Add(key);
        }
    }

    public RSA ProcessorPublic()
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(_processorPublic, out _);
        return rsa;
    }

    public override string ToString() => $"PaymentKeySet(AppId={AppId}, SellerId={SellerId})";
}
