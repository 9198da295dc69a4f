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
        return FromGross(Won(cnyAmount * krwPerCny), processorFeePercent, commissionPercent);
    }

    /// <summary>The fee, commission and net of a gross already in won (a share of the processor's settle_amount).</summary>
    public static SettlementFigures FromGross(long gross, decimal processorFeePercent, decimal commissionPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gross);
        var fee = Won(gross * processorFeePercent / 100m);
        var commission = Won(gross * commissionPercent / 100m);
        return new SettlementFigures(gross, fee, commission, gross - fee - commission);
    }

    /// <summary>
    /// The processor's <paramref name="settleAmountKrw"/> for a whole trade split over its lines in
    /// proportion to their yuan amounts, each share rounded as above. Whatever the rounding leaves
    /// over (or takes too much) goes to the line with the largest yuan amount, the first such line
    /// on a tie, so the shares always add up exactly to the processor's amount.
    /// </summary>
    public static IReadOnlyList<long> Split(long settleAmountKrw, IReadOnlyList<decimal> lineCny)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settleAmountKrw);
        if (lineCny.Count == 0)
        {
            return [];
        }

        var total = lineCny.Sum();
        if (total <= 0)
        {
            // Nothing to weigh by: all of it on the first line, still adding up.
            return [settleAmountKrw, .. Enumerable.Repeat(0L, lineCny.Count - 1)];
        }

        var shares = lineCny.Select(cny => Won(settleAmountKrw * cny / total)).ToArray();
        var largest = 0;
        for (var i = 1; i < lineCny.Count; i++)
        {
            largest = lineCny[i] > lineCny[largest] ? i : largest;
        }

        shares[largest] += settleAmountKrw - shares.Sum();
        return shares;
    }

    /// <summary>
    /// A refund of <paramref name="refundCny"/> out of a line settled as <paramref name="lineGross"/>
    /// won for <paramref name="lineCny"/> yuan: the same share of the line's gross, so refunding the
    /// whole line takes back exactly what the processor settled for it.
    /// </summary>
    public static SettlementFigures RefundOfLine(decimal refundCny, decimal lineCny, long lineGross, decimal processorFeePercent, decimal commissionPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(refundCny);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineCny);
        return FromGross(Won(lineGross * refundCny / lineCny), processorFeePercent, commissionPercent);
    }

    public static long Won(decimal amount) => (long)Math.Round(amount, 0, MidpointRounding.AwayFromZero);
}

public sealed record SettlementFigures(long KrwGross, long ProcessorFeeKrw, long CommissionKrw, long KrwNet);
