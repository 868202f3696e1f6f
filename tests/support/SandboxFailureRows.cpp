#include "SandboxFailureRows.h"

#include "core/plivo/PlivoSandbox.h"

#include <QTest>

void addSandboxFailureRows()
{
    QTest::addColumn<PlivoSandbox::FailureMode>("mode");
    QTest::addColumn<QString>("reason");

    QTest::newRow("server error") << PlivoSandbox::FailureMode::ServerError
                                  << QStringLiteral("Plivo had a server error (500)");
    QTest::newRow("geo blocked") << PlivoSandbox::FailureMode::GeoBlocked
                                 << QStringLiteral("Plivo blocked the request (403)");
    QTest::newRow("bad request") << PlivoSandbox::FailureMode::BadRequest
                                 << QStringLiteral("Plivo rejected the request (400)");
}
