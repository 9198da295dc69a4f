using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using Level = Microsoft.Extensions.Logging.LogLevel;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire logs through one static provider; this one forwards to the logger factory of the host
/// that started last (in production there is one), and goes quiet rather than throw when that host
/// has been disposed (the tests start and stop many hosts in one process).
/// </summary>
internal sealed class HangfireLogging : ILogProvider
{
    public static readonly HangfireLogging Instance = new();

    private static ILoggerFactory? s_factory;

    public static void Use(ILoggerFactory factory) => s_factory = factory;

    public ILog GetLogger(string name) => new Forwarder(name);

    private sealed class Forwarder(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = s_factory?.CreateLogger(name);
                if (logger is null)
                {
                    return false;
                }

                var level = logLevel switch
                {
                    HangfireLevel.Trace => Level.Trace,
                    HangfireLevel.Debug => Level.Debug,
                    HangfireLevel.Info => Level.Information,
                    HangfireLevel.Warn => Level.Warning,
                    HangfireLevel.Error => Level.Error,
                    _ => Level.Critical,
                };
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA2254 // Hangfire hands over finished text, not a template.
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
