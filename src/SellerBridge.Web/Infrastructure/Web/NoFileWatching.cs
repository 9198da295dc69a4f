using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>
/// Keeps the app from holding file watchers. Each watcher costs an inotify instance, of which a
/// user has 128 on a default Linux machine; when other programs had used them up, the file-version
/// provider behind <c>asp-append-version</c> threw and every portal page answered 500. The app
/// never changes its files while it runs (settings are read once, views are compiled in), so
/// nothing needs watching: a changed file takes effect on restart, like a changed setting.
/// </summary>
public static class NoFileWatching
{
    public static WebApplicationBuilder DisableFileWatching(this WebApplicationBuilder builder)
    {
        // Replaced here, before anything resolves them: static files, the file-version provider and
        // Razor all take the environment's providers when they are first built.
        var environment = builder.Environment;
        environment.WebRootFileProvider = NonWatching(environment.WebRootFileProvider);
        environment.ContentRootFileProvider = NonWatching(environment.ContentRootFileProvider);
        return builder;
    }

    private static IFileProvider NonWatching(IFileProvider provider) =>
        provider is NonWatchingFileProvider ? provider : new NonWatchingFileProvider(provider);

    /// <summary>Serves another provider's files and never watches them.</summary>
    private sealed class NonWatchingFileProvider(IFileProvider inner) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) => inner.GetFileInfo(subpath);

        public IDirectoryContents GetDirectoryContents(string subpath) => inner.GetDirectoryContents(subpath);

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }
}
