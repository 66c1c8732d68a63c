using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Resources;

namespace Qingyun.Infrastructure;

/// <summary>Turns handler failures into ProblemDetails (API) or form errors (pages), in Chinese first.</summary>
public static class Problems
{
    /// <summary>An API answer: 200 with <paramref name="body"/> of the value, or the failures as ProblemDetails.</summary>
    public static IResult Answer<T>(Result<T> r, IStringLocalizer<SharedResource> t, Func<T, object> body) =>
        r.Ok ? Results.Ok(body(r.Value!)) : r.Failures.ToProblem(t);

    public static IResult ToProblem(this IReadOnlyList<Failure> failures, IStringLocalizer<SharedResource> t)
    {
        var status = failures.Select(f => f.Status).DefaultIfEmpty(400).Max();
        var errors = failures.GroupBy(f => f.Field)
            .ToDictionary(g => Camel(g.Key), g => g.Select(t.Describe).ToArray());
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = t["Problem.Title." + status].ResourceNotFound ? t["Problem.Title.400"] : t["Problem.Title." + status].Value,
            Detail = string.Join("；", failures.Select(t.Describe)),
            Extensions = { ["errors"] = errors },
        });
    }

    public static void AddFailures(this ModelStateDictionary modelState, IEnumerable<Failure> failures, IStringLocalizer<SharedResource> t, string prefix = "Input")
    {
        foreach (var f in failures)
        {
            modelState.AddModelError(prefix + "." + f.Field, t.Describe(f));
        }
    }

    /// <summary>Shows failures on a page's form, answering with the status the API would give.</summary>
    public static void ShowFailures(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, IReadOnlyList<Failure> failures, IStringLocalizer<SharedResource> t, string prefix = "Input")
    {
        page.ModelState.Clear();
        page.ModelState.AddFailures(failures, t, prefix);
        page.Response.StatusCode = failures.Max(f => f.Status);
    }

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
