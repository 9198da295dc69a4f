namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// The carriers a seller can pick, with the marketplace's <c>company_code</c> for
/// <c>taobao.logistics.offline.send</c>. Korean names are what sellers know them by.
/// </summary>
public static class Carriers
{
    public sealed record Carrier(string Code, string Korean, string English)
    {
        /// <summary>The name in the portal's language.</summary>
        public string Name => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko" ? Korean : English;
    }

    public static readonly IReadOnlyList<Carrier> All =
    [
        new("EMS", "우체국 EMS", "Korea Post EMS"),
        new("KOREAPOST", "우체국 국제소포", "Korea Post parcel"),
        new("CJ", "CJ대한통운", "CJ Logistics"),
        new("HANJIN", "한진택배", "Hanjin"),
        new("LOTTE", "롯데글로벌로지스", "Lotte Global Logistics"),
        new("SF", "순펑(SF Express)", "SF Express"),
        new("YTO", "위안퉁(YTO)", "YTO Express"),
        new("ZTO", "중퉁(ZTO)", "ZTO Express"),
        new("STO", "선퉁(STO)", "STO Express"),
        new("YUNDA", "윈다(Yunda)", "Yunda Express"),
        new("DHL", "DHL", "DHL"),
    ];

    public static Carrier? Find(string? code) =>
        All.FirstOrDefault(c => string.Equals(c.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
