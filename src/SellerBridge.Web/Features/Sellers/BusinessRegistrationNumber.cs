namespace SellerBridge.Web.Features.Sellers;

/// <summary>
/// 사업자등록번호: ten digits whose last is a check digit over the first nine, weighted
/// 1,3,7,1,3,7,1,3,5, plus the tens digit of the ninth digit times five.
/// </summary>
public static class BusinessRegistrationNumber
{
    private static readonly int[] Weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];

    /// <summary>Returns the ten digits when <paramref name="input"/> is valid (dashes and spaces allowed), otherwise null.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = new string(input.Where(c => c is not ('-' or ' ')).ToArray());
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var d = digits.Select(c => c - '0').ToArray();
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += d[i] * Weights[i];
        }

        sum += d[8] * 5 / 10;
        var check = (10 - (sum % 10)) % 10;
        return check == d[9] ? digits : null;
    }

    public static string Format(string digits) =>
        digits.Length == 10 ? $"{digits[..3]}-{digits[3..5]}-{digits[5..]}" : digits;
}
