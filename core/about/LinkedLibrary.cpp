#include "LinkedLibrary.h"

#include <QCoreApplication>

#include <openssl/crypto.h>
#include <sodium.h>

QList<LinkedLibrary> LinkedLibrary::all()
{
    // Qt HTTP Server ships with the Qt release it was built for (Debian pins it to the same Qt ABI), so the
    // running Qt's version is its version too.
    const QString qt = QString::fromLatin1(qVersion());
    const auto tr = [](const char *text) { return QCoreApplication::translate("LinkedLibrary", text); };
    return {
        {QStringLiteral("Qt"),
         qt,
         QStringLiteral("LGPL-3.0-only OR GPL-2.0-only"),
         tr("Widgets, network, SQLite storage, SVG"),
         QUrl(QStringLiteral("https://www.qt.io"))},
        {QStringLiteral("Qt HTTP Server"),
         qt,
         QStringLiteral("GPL-3.0-only"),
         tr("The login server and the local test phone"),
         QUrl(QStringLiteral("https://doc.qt.io/qt-6/qthttpserver-index.html"))},
        {QStringLiteral("QtKeychain"),
         QStringLiteral(AUTHDECK_QTKEYCHAIN_VERSION),
         QStringLiteral("BSD-2-Clause"),
         tr("Secrets in the desktop keyring"),
         QUrl(QStringLiteral("https://github.com/frankosterfeld/qtkeychain"))},
        {QStringLiteral("libsodium"),
         QString::fromLatin1(sodium_version_string()),
         QStringLiteral("ISC"),
         tr("Password hashing, codes, client IDs and secrets"),
         QUrl(QStringLiteral("https://libsodium.org"))},
        {QStringLiteral("libphonenumber"),
         QString(),
         QStringLiteral("Apache-2.0"),
         tr("Phone number parsing and formatting"),
         QUrl(QStringLiteral("https://github.com/google/libphonenumber"))},
        {QStringLiteral("OpenSSL"),
         QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION_STRING)),
         QStringLiteral("Apache-2.0"),
         tr("Token signing keys"),
         QUrl(QStringLiteral("https://www.openssl.org"))},
    };
}
