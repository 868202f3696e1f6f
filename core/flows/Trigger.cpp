#include "Trigger.h"

#include <QCoreApplication>

namespace {

Trigger make(const char *id, const char *label, const char *description, const char *version)
{
    return {QString::fromLatin1(id),
            QCoreApplication::translate("Triggers", label),
            QCoreApplication::translate("Triggers", description),
            QString::fromLatin1(version)};
}

} // namespace

const QList<Trigger> &Triggers::all()
{
    // Versions as GET /api/v2/actions/triggers reports the current ones (post-login v3, others v2).
    static const QList<Trigger> triggers {
        make("post-login",
             QT_TRANSLATE_NOOP("Triggers", "Login"),
             QT_TRANSLATE_NOOP("Triggers", "Runs after a user signs in, before the tokens are issued."),
             "v3"),
        make("credentials-exchange",
             QT_TRANSLATE_NOOP("Triggers", "Machine to Machine"),
             QT_TRANSLATE_NOOP("Triggers",
                               "Runs before an access token is issued to a machine-to-machine application."),
             "v2"),
        make("pre-user-registration",
             QT_TRANSLATE_NOOP("Triggers", "Pre User Registration"),
             QT_TRANSLATE_NOOP("Triggers",
                               "Runs before a user is added to a database or passwordless "
                               "connection."),
             "v2"),
        make("post-user-registration",
             QT_TRANSLATE_NOOP("Triggers", "Post User Registration"),
             QT_TRANSLATE_NOOP("Triggers",
                               "Runs after a user has been added to a database or passwordless "
                               "connection."),
             "v2"),
        make("post-change-password",
             QT_TRANSLATE_NOOP("Triggers", "Post Change Password"),
             QT_TRANSLATE_NOOP("Triggers", "Runs after a user changes their password."),
             "v2"),
        make("send-phone-message",
             QT_TRANSLATE_NOOP("Triggers", "Send Phone Message"),
             QT_TRANSLATE_NOOP("Triggers",
                               "Runs when a one-time code must reach a phone by SMS or voice, "
                               "for MFA enrollment and sign-in."),
             "v2"),
    };
    return triggers;
}

const Trigger *Triggers::find(const QString &id)
{
    for (const Trigger &trigger : all()) {
        if (trigger.id == id)
            return &trigger;
    }
    return nullptr;
}
