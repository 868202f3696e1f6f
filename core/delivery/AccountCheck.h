#pragma once

#include "core/plivo/PlivoResult.h"

#include <QObject>
#include <QString>

/// Plivo credentials as an admin typed them in a form; an empty field keeps the stored secret.
struct PlivoOverrides
{
    QString authId;
    QString authToken;
};

/**
 * @brief One look at a Plivo account (SmsGateway::testConnection() or listNumbers()): the stored secrets
 *        it needs are read inside core, so they never travel up to a page.
 *
 * finished() comes exactly once, asynchronously, with Plivo's answer or with a result that says why no
 * request was made (a credential missing, a secret that cannot be read); the object deletes itself after.
 */
class AccountCheck : public QObject
{
    Q_OBJECT

Q_SIGNALS:
    void finished(const PlivoResult &result);

private:
    friend class SmsGateway;
    explicit AccountCheck(QObject *parent);
    /// Ends the check with @p result on the next turn of the event loop.
    void finish(const PlivoResult &result);
};
