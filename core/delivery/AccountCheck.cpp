#include "AccountCheck.h"

AccountCheck::AccountCheck(QObject *parent)
    : QObject(parent)
{ }

void AccountCheck::finish(const PlivoResult &result)
{
    QMetaObject::invokeMethod(
        this,
        [this, result] {
            Q_EMIT finished(result);
            deleteLater();
        },
        Qt::QueuedConnection);
}
