#include "core/applications/UrlRules.h"

#include <QTest>

Q_DECLARE_METATYPE(UrlRules::Kind)

namespace {

const QString kOnlyWeb = QStringLiteral("Only http:// and https://");

QStringList numberedUrls(int count)
{
    QStringList urls;
    for (int i = 1; i <= count; ++i)
        urls.append(QStringLiteral("https://app%1.example.com/callback").arg(i));
    return urls;
}

} // namespace

class TestUrlRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void check_data();
    void check();
    void split_data();
    void split();
    void checkAllFlagsDuplicates();
    void checkAllAcceptsExactlyMaxEntries();
    void checkAllFlagsEntriesOverTheLimit();
    void checkAllReportsIndexesOfBadEntries();
    void checkAllPassesKindAndCustomSchemes();
};

void TestUrlRules::check_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<UrlRules::Kind>("kind");
    QTest::addColumn<bool>("allowCustomScheme");
    QTest::addColumn<QString>("refusal"); // a distinctive part of the reason; empty when accepted

    using Kind = UrlRules::Kind;
    const QString accepted;

    // Accepted.
    QTest::newRow("localhost with port")
        << QStringLiteral("http://localhost:3000") << Kind::Callback << false << accepted;
    QTest::newRow("https with path") << QStringLiteral("https://example.com/callback") << Kind::Callback
                                     << false << accepted;
    QTest::newRow("wildcard subdomain")
        << QStringLiteral("https://*.example.com") << Kind::Callback << false << accepted;
    QTest::newRow("wildcard with prefix and suffix")
        << QStringLiteral("https://prefix-*-suffix.example.com") << Kind::Callback << false << accepted;
    QTest::newRow("IPv4 loopback with port and path")
        << QStringLiteral("http://127.0.0.1:8080/cb") << Kind::Callback << false << accepted;
    QTest::newRow("IPv6 loopback with port")
        << QStringLiteral("http://[::1]:3000") << Kind::Callback << false << accepted;
    QTest::newRow("highest port") << QStringLiteral("http://localhost:65535") << Kind::Callback << false
                                  << accepted;
    QTest::newRow("logout URL with query")
        << QStringLiteral("https://example.com/bye?returnTo=home") << Kind::Logout << false << accepted;
    QTest::newRow("wildcard logout URL")
        << QStringLiteral("https://*.example.com/bye") << Kind::Logout << false << accepted;
    QTest::newRow("origin with port")
        << QStringLiteral("https://example.com:8443") << Kind::WebOrigin << false << accepted;
    QTest::newRow("wildcard origin") << QStringLiteral("https://*.example.com") << Kind::WebOrigin << false
                                     << accepted;
    QTest::newRow("custom scheme callback of a native app")
        << QStringLiteral("com.example.app://callback") << Kind::Callback << true << accepted;
    QTest::newRow("custom scheme logout URL of a native app")
        << QStringLiteral("com.example.app://logout") << Kind::Logout << true << accepted;

    // Refused: scheme and shape.
    QTest::newRow("ftp scheme") << QStringLiteral("ftp://x.com") << Kind::Callback << false << kOnlyWeb;
    QTest::newRow("no scheme") << QStringLiteral("example.com/callback") << Kind::Callback << false
                               << QStringLiteral("Not an absolute URL");
    QTest::newRow("scheme without slashes") << QStringLiteral("https:example.com") << Kind::Callback << false
                                            << QStringLiteral("Not an absolute URL");
    QTest::newRow("no host") << QStringLiteral("https://") << Kind::Callback << false
                             << QStringLiteral("no host name");
    QTest::newRow("space in host") << QStringLiteral("https://exa mple.com") << Kind::Callback << false
                                   << QStringLiteral("cannot contain spaces");
    QTest::newRow("space in path") << QStringLiteral("https://example.com/my callback") << Kind::Logout
                                   << false << QStringLiteral("cannot contain spaces");
    QTest::newRow("user and password") << QStringLiteral("https://user:pass@example.com") << Kind::Callback
                                       << false << QStringLiteral("user name or password");
    QTest::newRow("port 0") << QStringLiteral("http://localhost:0") << Kind::Callback << false
                            << QStringLiteral("from 1 to 65535");
    QTest::newRow("port 70000") << QStringLiteral("http://localhost:70000") << Kind::Callback << false
                                << QStringLiteral("from 1 to 65535");
    QTest::newRow("IPv6 loopback with port 0")
        << QStringLiteral("http://[::1]:0") << Kind::Callback << false << QStringLiteral("from 1 to 65535");
    QTest::newRow("empty port") << QStringLiteral("http://localhost:") << Kind::WebOrigin << false
                                << QStringLiteral("from 1 to 65535");

    // Refused: wildcards.
    QTest::newRow("wildcard on the top-level domain") << QStringLiteral("https://*.com") << Kind::Callback
                                                      << false << QStringLiteral("must be in a subdomain");
    QTest::newRow("wildcard not left-most") << QStringLiteral("https://sub.*.example.com") << Kind::Callback
                                            << false << QStringLiteral("left-most");
    QTest::newRow("two wildcards") << QStringLiteral("https://*.*.example.com") << Kind::Callback << false
                                   << QStringLiteral("Only one wildcard");
    QTest::newRow("wildcard in path") << QStringLiteral("https://example.com/*/cb") << Kind::Callback << false
                                      << QStringLiteral("not in the path");
    QTest::newRow("wildcard in query") << QStringLiteral("https://example.com/cb?next=*") << Kind::Logout
                                       << false << QStringLiteral("not in the path");
    QTest::newRow("wildcard label that is not a host label")
        << QStringLiteral("https://*-.example.com") << Kind::Callback << false
        << QStringLiteral("host name is not valid");

    // Refused: custom schemes.
    QTest::newRow("custom scheme callback of a web app")
        << QStringLiteral("com.example.app://callback") << Kind::Callback << false << kOnlyWeb;
    QTest::newRow("custom scheme logout URL of a web app")
        << QStringLiteral("com.example.app://logout") << Kind::Logout << false << kOnlyWeb;
    QTest::newRow("custom scheme origin, even for a native app")
        << QStringLiteral("com.example.app://callback") << Kind::WebOrigin << true << kOnlyWeb;
    QTest::newRow("wildcard with a custom scheme")
        << QStringLiteral("com.example.app://*.example.com") << Kind::Callback << true
        << QStringLiteral("wildcard is only allowed in http:// and https://");

    // Refused: web origins are scheme://host[:port] only.
    QTest::newRow("origin with path") << QStringLiteral("https://example.com/app") << Kind::WebOrigin << false
                                      << QStringLiteral("An origin has no path");
    QTest::newRow("origin with trailing slash") << QStringLiteral("https://example.com/") << Kind::WebOrigin
                                                << false << QStringLiteral("An origin has no path");
    QTest::newRow("origin with query") << QStringLiteral("https://example.com?tab=1") << Kind::WebOrigin
                                       << false << QStringLiteral("no query or fragment");
    QTest::newRow("origin with fragment") << QStringLiteral("https://example.com#top") << Kind::WebOrigin
                                          << false << QStringLiteral("no query or fragment");
}

void TestUrlRules::check()
{
    QFETCH(QString, url);
    QFETCH(UrlRules::Kind, kind);
    QFETCH(bool, allowCustomScheme);
    QFETCH(QString, refusal);

    const std::optional<QString> reason = UrlRules::check(url, kind, allowCustomScheme);
    if (refusal.isEmpty()) {
        QVERIFY2(!reason, qPrintable(reason.value_or(QString())));
    } else {
        QVERIFY2(reason, "accepted, but should have been refused");
        QVERIFY2(reason->contains(refusal), qPrintable(*reason));
    }
}

void TestUrlRules::split_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("entries");

    const QString a = QStringLiteral("https://a.example.com");
    const QString b = QStringLiteral("https://b.example.com");
    const QString c = QStringLiteral("https://c.example.com");

    QTest::newRow("commas") << QStringLiteral(
        "https://a.example.com,https://b.example.com,https://c.example.com")
                            << QStringList {a, b, c};
    QTest::newRow("newlines") << QStringLiteral(
        "https://a.example.com\nhttps://b.example.com\r\nhttps://c.example.com")
                              << QStringList {a, b, c};
    QTest::newRow("commas and newlines mixed")
        << QStringLiteral("https://a.example.com,\nhttps://b.example.com") << QStringList {a, b};
    QTest::newRow("blanks trimmed and empty entries dropped")
        << QStringLiteral("  https://a.example.com ,  , \n\n\t https://b.example.com\t\n")
        << QStringList {a, b};
    QTest::newRow("bare carriage returns")
        << QStringLiteral("https://a.example.com\rhttps://b.example.com") << QStringList {a, b};
    QTest::newRow("a single entry") << QStringLiteral("https://a.example.com") << QStringList {a};
    QTest::newRow("empty text") << QString() << QStringList {};
    QTest::newRow("only separators and blanks") << QStringLiteral(" ,\n , \r\n") << QStringList {};
}

void TestUrlRules::split()
{
    QFETCH(QString, text);
    QFETCH(QStringList, entries);
    QCOMPARE(UrlRules::split(text), entries);
}

void TestUrlRules::checkAllFlagsDuplicates()
{
    const QStringList urls {QStringLiteral("https://a.example.com"),
                            QStringLiteral("https://b.example.com"),
                            QStringLiteral("https://a.example.com"),
                            QStringLiteral("https://c.example.com"),
                            QStringLiteral("https://b.example.com")};
    const QList<UrlRules::Issue> issues = UrlRules::checkAll(urls, UrlRules::Kind::Callback);
    QCOMPARE(issues.size(), 2);
    QCOMPARE(issues.at(0).index, 2);
    QCOMPARE(issues.at(0).entry, urls.at(2));
    QVERIFY2(issues.at(0).reason.contains(QStringLiteral("Listed twice")), qPrintable(issues.at(0).reason));
    QCOMPARE(issues.at(1).index, 4);
    QCOMPARE(issues.at(1).entry, urls.at(4));
    QVERIFY2(issues.at(1).reason.contains(QStringLiteral("Listed twice")), qPrintable(issues.at(1).reason));
}

void TestUrlRules::checkAllAcceptsExactlyMaxEntries()
{
    QCOMPARE(UrlRules::MaxEntries, 100);
    const QList<UrlRules::Issue> issues = UrlRules::checkAll(numberedUrls(100), UrlRules::Kind::Logout);
    QVERIFY2(issues.isEmpty(), qPrintable(issues.isEmpty() ? QString() : issues.constFirst().reason));
}

void TestUrlRules::checkAllFlagsEntriesOverTheLimit()
{
    const QStringList urls = numberedUrls(101);
    const QList<UrlRules::Issue> issues = UrlRules::checkAll(urls, UrlRules::Kind::Logout);
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.at(0).index, 100);
    QCOMPARE(issues.at(0).entry, urls.at(100));
    QVERIFY2(issues.at(0).reason.contains(QStringLiteral("At most 100")), qPrintable(issues.at(0).reason));
}

void TestUrlRules::checkAllReportsIndexesOfBadEntries()
{
    const QStringList urls {QStringLiteral("http://localhost:3000"),
                            QStringLiteral("ftp://files.example.com"),
                            QStringLiteral("https://example.com"),
                            QStringLiteral("https://example.com/path")};
    const QList<UrlRules::Issue> issues = UrlRules::checkAll(urls, UrlRules::Kind::WebOrigin);
    QCOMPARE(issues.size(), 2);
    QCOMPARE(issues.at(0).index, 1);
    QCOMPARE(issues.at(0).entry, urls.at(1));
    QVERIFY2(issues.at(0).reason.contains(kOnlyWeb), qPrintable(issues.at(0).reason));
    QCOMPARE(issues.at(1).index, 3);
    QCOMPARE(issues.at(1).entry, urls.at(3));
    QVERIFY2(issues.at(1).reason.contains(QStringLiteral("no path")), qPrintable(issues.at(1).reason));
}

void TestUrlRules::checkAllPassesKindAndCustomSchemes()
{
    const QStringList urls {QStringLiteral("com.example.app://callback")};
    QVERIFY(UrlRules::checkAll(urls, UrlRules::Kind::Callback, true).isEmpty());
    QCOMPARE(UrlRules::checkAll(urls, UrlRules::Kind::Callback, false).size(), 1);
    QCOMPARE(UrlRules::checkAll(urls, UrlRules::Kind::WebOrigin, true).size(), 1);
}

QTEST_GUILESS_MAIN(TestUrlRules)

#include "TestUrlRules.moc"
