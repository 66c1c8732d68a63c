using Qingyun.Domain;

namespace Qingyun.Infrastructure;

/// <summary>
/// One problem of an import: the sheet row (1 is the header row, 0 the whole file), the header of the column to
/// fix ("" for the whole row or file) and the rule, shown as "field：rule" in Chinese.
/// </summary>
public sealed record RowFailure(int Row, string Column, Failure Failure);

/// <summary>
/// What every import answers: the problems — none when the whole file was written, otherwise nothing was — and
/// the import's own counts (<see cref="Counts"/>), which the API shows by name.
/// </summary>
public abstract record ImportOutcome(IReadOnlyList<RowFailure> Failures)
{
    public bool Ok => Failures.Count == 0;

    /// <summary>The counts of a finished import by their JSON names, e.g. <c>created</c>.</summary>
    public abstract IEnumerable<KeyValuePair<string, int>> Counts();
}

/// <summary>
/// One kind of import as a background job (<see cref="ImportJobs"/>), shared by its page and its API: the name
/// that keeps one kind's jobs out of another's pages, the report's download name, and the work — the handler run
/// on the saved upload, its report written while the rows are at hand, the outcome kept without them.
/// </summary>
public sealed record ImportKind(string Name, string ReportFileName, ImportWork Work)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>Runs one import in the job's own service scope: the outcome, and the problem workbook when refused.</summary>
public delegate Task<(ImportOutcome Outcome, byte[]? Report)> ImportWork(IServiceProvider services, Stream file, ImportProgress progress, CancellationToken ct);
