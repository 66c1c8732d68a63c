namespace Qingyun.Domain;

/// <summary>
/// An expected failure a user can cause. <see cref="Field"/> names the input (a resource key under
/// "Field."), <see cref="MessageKey"/> the rule (a resource key under "Error."); both are shown in the
/// user's language. Status says how the API reports it.
/// </summary>
public record Failure(string Field, string MessageKey, int Status = 400, params object[] Args)
{
    /// <summary>The field's display name key when it differs from the input's name (a person's "Name" is 姓名).</summary>
    public string? Label { get; init; }

    public static Failure NotFound(string field) => new(field, "NotFound", 404);
    public static Failure Forbidden(string field) => new(field, "Forbidden", 403);
    public static Failure Required(string field) => new(field, "Required");
    public static Failure TooLong(string field, int max) => new(field, "TooLong", 400, max);
}

/// <summary>A handler's outcome: a value or a list of failures. Only bugs throw.</summary>
public sealed class Result<T>
{
    private Result(T? value, IReadOnlyList<Failure> failures)
    {
        Value = value;
        Failures = failures;
    }

    public T? Value { get; }
    public IReadOnlyList<Failure> Failures { get; }
    public bool Ok => Failures.Count == 0;

    public static Result<T> Success(T value) => new(value, []);
    public static Result<T> Fail(params Failure[] failures) => new(default, failures);
    public static Result<T> Fail(IReadOnlyList<Failure> failures) => new(default, failures);

    public static implicit operator Result<T>(Failure failure) => Fail(failure);

    public static implicit operator Result<T>(T value) => Success(value);
}
