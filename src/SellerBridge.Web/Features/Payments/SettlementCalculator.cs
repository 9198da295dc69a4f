namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// Won settled to a seller for one order line. Rounding: each won figure is rounded to a whole won,
/// half away from zero, in this order: gross = yuan × rate; processor fee = gross × fee%; commission
/// = gross × commission%; net = gross − fee − commission. Fees are taken from the rounded gross and
/// the net is a difference, so the stored parts always add up exactly to the stored gross.
/// </summary>
public static class SettlementCalculator
{
    public static SettlementFigures Compute(decimal cnyAmount, decimal krwPerCny, decimal processorFeePercent, decimal commissionPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cnyAmount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(krwPerCny);
        var gross = Won(cnyAmount * krwPerCny);
        var fee = Won(gross * processorFeePercent / 100m);
        var commission = Won(gross * commissionPercent / 100m);
        return new SettlementFigures(gross, fee, commission, gross - fee - commission);
    }

    private static long Won(decimal amount) => (long)Math.Round(amount, 0, MidpointRounding.AwayFromZero);
}

public sealed record SettlementFigures(long KrwGross, long ProcessorFeeKrw, long CommissionKrw, long KrwNet);
