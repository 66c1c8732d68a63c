using Qingyun.Domain.Direct;

namespace Qingyun.Features.Direct;

/// <summary>The quick contact form's fields (`Input.*`), the same on /direct and on a post's page.</summary>
public sealed class ContactForm
{
    public DateOnly? ContactOn { get; set; }
    public ContactChannel? Channel { get; set; }
    public string? Note { get; set; }
    public List<Guid> YouthIds { get; set; } = [];

    public Contacts.Command ToCommand(Guid termId) => new(termId, ContactOn, Channel, Note, YouthIds);
}

/// <summary>What the contact form partial needs: where it posts, the post's bound young people, the form's values.</summary>
public sealed record ContactFormView(Guid TermId, string Action, IReadOnlyList<BoundYouth> Youth, ContactForm Input, DateOnly Today);
