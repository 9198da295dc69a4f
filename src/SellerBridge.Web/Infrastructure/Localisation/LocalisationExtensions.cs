using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace SellerBridge.Web.Infrastructure.Localisation;

public static class LocalisationExtensions
{
    public static readonly CultureInfo Korean = new("ko-KR");
    public static readonly CultureInfo English = new("en-US");

    /// <summary>Korean first, English on request: the portal's language cookie, or Accept-Language on the API.</summary>
    public static WebApplicationBuilder AddPortalLocalisation(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Korean);
            options.SupportedCultures = [Korean, English];
            options.SupportedUICultures = [Korean, English];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                // Browsers always send Accept-Language; the portal stays Korean unless the seller
                // switches, but an integrator can ask the API for English.
                new CustomRequestCultureProvider(async context =>
                    context.Request.Path.StartsWithSegments("/api")
                        ? await new AcceptLanguageHeaderRequestCultureProvider().DetermineProviderCultureResult(context)
                        : null),
            ];
        });
        return builder;
    }

    /// <summary>Korea time, for showing stored UTC times.</summary>
    public static readonly TimeZoneInfo KoreaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static string ToKoreaTime(this DateTimeOffset value, string format = "yyyy-MM-dd HH:mm") =>
        TimeZoneInfo.ConvertTime(value, KoreaTime).ToString(format, CultureInfo.InvariantCulture);

    public static string ToKoreaTime(this DateTimeOffset? value, string format = "yyyy-MM-dd HH:mm") =>
        value is { } v ? v.ToKoreaTime(format) : "";
}
