// The password prompt authdeck shows when a PostgreSQL server wants a password libpq could not find: when
// it is shown, what it says, and what the admin typed or that they cancelled.

#include "tests/ui/UiTestHelpers.h"
#include "ui/tenantopen/PasswordPrompt.h"

#include <QDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

class TestPasswordPrompt : public QObject
{
    Q_OBJECT

private slots:
    void isWanted_data();
    void isWanted();
    void givesWhatWasTyped_data();
    void givesWhatWasTyped();
};

void TestPasswordPrompt::isWanted_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("wanted");
    QTest::newRow("no password") << QStringLiteral("Cannot open the tenant postgresql://ada@db:5432/team: "
                                                   "fe_sendauth: no password supplied")
                                 << true;
    QTest::newRow("wrong password") << QStringLiteral(
        "Cannot open the tenant postgresql://ada@db:5432/team: FATAL:  "
        "password authentication failed for user \"ada\"")
                                    << true;
    QTest::newRow("unknown user") << QStringLiteral(
        "Cannot open the tenant postgresql://ada@db:5432/team: FATAL:  "
        "role \"ada\" does not exist")
                                  << false;
    QTest::newRow("refused connection")
        << QStringLiteral("Cannot open the tenant postgresql://ada@db:5432/team: connection to server at "
                          "\"db\", port 5432 failed: Connection refused")
        << false;
    QTest::newRow("missing database")
        << QStringLiteral("Cannot open the tenant postgresql://ada@db:5432/team: "
                          "FATAL:  database \"team\" does not exist")
        << false;
}

void TestPasswordPrompt::isWanted()
{
    QFETCH(QString, message);
    QFETCH(bool, wanted);
    QCOMPARE(PasswordPrompt::wanted(message), wanted);
}

void TestPasswordPrompt::givesWhatWasTyped_data()
{
    QTest::addColumn<bool>("accept");
    QTest::newRow("typed") << true;
    QTest::newRow("cancelled") << false;
}

void TestPasswordPrompt::givesWhatWasTyped()
{
    QFETCH(bool, accept);
    ModalAnswer answer(
        QStringLiteral("tenantPasswordPrompt"), [accept](QWidget *modal, QStringList &failures) {
            auto *field = modal->findChild<QLineEdit *>();
            UI_CHECK(failures, field);
            UI_CHECK(failures, field->echoMode() == QLineEdit::Password);
            UI_CHECK(failures, !field->accessibleName().isEmpty());
            const QString text = modal->findChild<QLabel *>()->text();
            UI_CHECK(failures, text.contains(QLatin1String("password authentication failed")));
            UI_CHECK(failures, text.contains(QLatin1String("ada on db.example.com/team (PostgreSQL)")));
            QTest::keyClicks(field, QStringLiteral("s3cret"));
            if (accept)
                qobject_cast<QDialog *>(modal)->accept();
            else
                qobject_cast<QDialog *>(modal)->reject();
        });
    const std::optional<QString> password
        = PasswordPrompt::ask(QStringLiteral("postgresql://ada@db.example.com:5432/team"),
                              QStringLiteral("FATAL:  password authentication failed for user \"ada\""));
    UI_VERIFY_ANSWERED(answer);
    QCOMPARE(password.has_value(), accept);
    if (accept)
        QCOMPARE(*password, QStringLiteral("s3cret"));
}

QTEST_MAIN(TestPasswordPrompt)
#include "TestPasswordPrompt.moc"
