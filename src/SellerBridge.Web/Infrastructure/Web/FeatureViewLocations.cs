using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>
/// Finds a controller's views beside it: <c>Features/&lt;Area&gt;/Views/&lt;View&gt;.cshtml</c>, where the area
/// is the namespace segment after <c>Features</c>; shared views live in <c>Features/Shared</c>.
/// </summary>
public sealed class FeatureViewLocations : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            var ns = action.ControllerTypeInfo.Namespace ?? "";
            var marker = ".Features.";
            var at = ns.IndexOf(marker, StringComparison.Ordinal);
            context.Values["feature"] = at < 0 ? "" : ns[(at + marker.Length)..].Split('.')[0];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue("feature", out var feature) && !string.IsNullOrEmpty(feature))
        {
            yield return $"/Features/{feature}/Views/{{0}}.cshtml";
        }

        yield return "/Features/Shared/{0}.cshtml";
    }
}
