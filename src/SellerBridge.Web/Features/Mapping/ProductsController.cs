using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>The seller's products: the list by listing status, and each product's preview with its inline fixes.</summary>
[Authorize(Policy = SellerClaims.SellerPolicy)]
[Route("catalogue/products")]
public sealed class ProductsController(SellerProducts products, ProductPreview preview, EditProduct edit, IStringLocalizer<MappingText> m) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] SellerScope scope, string? status, long after = 0) =>
        View("Products", await products.ListAsync(scope, status, after));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Show([FromServices] SellerScope scope, [FromRoute] long id) =>
        await preview.ByIdAsync(scope, id) is { } view ? View("Product", new ProductPage(view, null, null)) : NotFound();

    /// <summary>A product by the seller's own SKU, for links from spreadsheets and support conversations.</summary>
    [HttpGet("sku/{sku}")]
    public async Task<IActionResult> BySku([FromServices] SellerScope scope, [FromRoute] string sku) =>
        await preview.BySkuAsync(scope, sku) is { } view ? Redirect($"/catalogue/products/{view.Product.Id}") : NotFound();

    [HttpPost("{id:long}")]
    public async Task<IActionResult> Edit([FromServices] SellerScope scope, [FromRoute] long id, [FromForm] string? nameZh, [FromForm] string? weightG)
    {
        var input = new EditProduct.Input(nameZh, weightG);
        var result = await edit.RunAsync(scope, id, input);
        switch (result.Outcome)
        {
            case EditProduct.Outcome.NotFound:
                return NotFound();
            case EditProduct.Outcome.Invalid:
                var view = await preview.ByIdAsync(scope, id);
                if (view is null)
                {
                    return NotFound();
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("Product", new ProductPage(view, input, result.Errors.ToDictionary(e => e.Key, e => m[e.Value].Value)));
            default:
                TempData["Flash"] = result.Outcome == EditProduct.Outcome.Saved
                    ? m["Saved. The preview below shows the product as it would now be sent."].Value
                    : m["Nothing was changed."].Value;
                return Redirect($"/catalogue/products/{id}");
        }
    }
}

/// <summary>The product page: the preview, and the edit form as posted when it had errors.</summary>
public sealed record ProductPage(ProductPreview.View View, EditProduct.Input? Posted, IReadOnlyDictionary<string, string>? Errors);
