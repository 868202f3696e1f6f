// User Management > Users through its widgets: the list model under the model tester, Create User,
// search, Block/Unblock, Reset MFA and Delete with their confirmations.

#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/users/UserListModel.h"
#include "ui/users/UsersPage.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {

const QString kPhone = QStringLiteral("+15554443232");
const QString kPhoneDigits = QStringLiteral("5554443232");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestUsersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listShowsColumns();
    void listFollowsTheStore();
    void listFollowsAnotherAdmin();
    void createThroughDialog_data();
    void createThroughDialog();
    void search_data();
    void search();
    void blockAndUnblock();
    void resetMfa_data();
    void resetMfa();
    void deleteUser_data();
    void deleteUser();

private:
    UserStore &users() { return m_tenant->tenant().users(); }
    QString addUser(const QString &email);
    QStringList emails(const QAbstractItemModel &model) const;
    QPushButton *button(const QString &objectName) const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<UsersPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
};

void TestUsersPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestUsersPage::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    users().setPasswordHasher(PasswordHasher::minimal());
    m_page = std::make_unique<UsersPage>(m_tenant->tenant(), nullptr);
    m_modelTester = std::make_unique<QAbstractItemModelTester>(
        m_page->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_page->resize(1100, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->open(QString());
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
}

void TestUsersPage::cleanup()
{
    m_modelTester.reset();
    m_page.reset();
    m_tenant.reset();
}

QString TestUsersPage::addUser(const QString &email)
{
    auto created = users().create(email, kPassword);
    return created ? created.value().id : QString();
}

QStringList TestUsersPage::emails(const QAbstractItemModel &model) const
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, UserListModel::EmailColumn).data().toString());
    return list;
}

QPushButton *TestUsersPage::button(const QString &objectName) const
{
    return m_page->findChild<QPushButton *>(objectName);
}

void TestUsersPage::listShowsColumns()
{
    const QString plain = addUser(QStringLiteral("zoe@example.com"));
    const QString enrolled = addUser(QStringLiteral("adam@example.com"));
    QVERIFY(!plain.isEmpty() && !enrolled.isEmpty());
    auto phone = users().enrollPhone(enrolled, kPhone);
    QVERIFY2(phone, errorBytes(phone));
    auto blocked = users().block(plain);
    QVERIFY2(blocked, errorBytes(blocked));

    UserListModel *model = m_page->model();
    QCOMPARE(emails(*model),
             (QStringList {QStringLiteral("adam@example.com"), QStringLiteral("zoe@example.com")}));
    const int adam = model->rowOf(enrolled);
    const int zoe = model->rowOf(plain);
    QCOMPARE(adam, 0);
    QCOMPARE(zoe, 1);

    const QString mfa = model->index(adam, UserListModel::MfaColumn).data().toString();
    QVERIFY2(mfa.startsWith(QStringLiteral("+1******3232")), qPrintable(mfa));
    QVERIFY2(mfa.contains(QDate::currentDate().toString(QStringLiteral("yyyy"))), qPrintable(mfa));
    QCOMPARE(model->index(zoe, UserListModel::MfaColumn).data().toString(), QStringLiteral("Not enrolled"));
    QCOMPARE(model->index(zoe, UserListModel::StatusColumn).data().toString(), QStringLiteral("Blocked"));
    QCOMPARE(model->index(adam, UserListModel::StatusColumn).data().toString(), QStringLiteral("Active"));
    QCOMPARE(model->index(adam, UserListModel::LastLoginColumn).data().toString(), QStringLiteral("Never"));
    QVERIFY(!model->index(adam, UserListModel::CreatedColumn).data().toString().isEmpty());
    QCOMPARE(model->index(adam, 0).data(int(UserListModel::Role::UserId)).toString(), enrolled);
    QCOMPARE(model->headerData(UserListModel::MfaColumn, Qt::Horizontal).toString(), QStringLiteral("MFA"));

    // No cell shows the full number.
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)})
                QVERIFY(!model->index(row, column).data(role).toString().contains(kPhoneDigits));
        }
    }

    auto login = users().recordLogin(enrolled);
    QVERIFY2(login, errorBytes(login));
    QVERIFY(model->index(adam, UserListModel::LastLoginColumn).data().toString() != QStringLiteral("Never"));
}

void TestUsersPage::listFollowsTheStore()
{
    QSignalSpy inserted(m_page->model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_page->model(), &QAbstractItemModel::rowsRemoved);
    const QString id = addUser(QStringLiteral("mia@example.com"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_page->model()->rowOf(id), 0);
    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("usersEmpty"));
    auto *body = m_page->findChild<QStackedWidget *>();
    QVERIFY(empty && body);
    QVERIFY(body->currentWidget() != empty);

    auto gone = users().remove(id);
    QVERIFY2(gone, errorBytes(gone));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QCOMPARE(body->currentWidget(), empty);
    QVERIFY(empty->text().contains(QStringLiteral("No users yet")));
}

void TestUsersPage::listFollowsAnotherAdmin()
{
    // Another Authdeck on the same tenant adds a user: this one's UserStore never saw it.
    MemorySecretStore secrets;
    auto other = Tenant::open(m_tenant->path(), secrets);
    QVERIFY2(other, errorBytes(other));
    other.value()->users().setPasswordHasher(PasswordHasher::minimal());
    QVERIFY(other.value()->users().create(QStringLiteral("noor@example.com"),
                                          QStringLiteral("a long passphrase 42")));
    QCOMPARE(m_page->model()->rowCount(), 0);
    // What Tenant does when its ChangeFeed hears of it (PostgreSQL; tst_changefeed covers the hearing).
    QSignalSpy reset(m_page->model(), &QAbstractItemModel::modelReset);
    users().announceChangedElsewhere();
    QVERIFY(reset.count() >= 1);
    QTRY_COMPARE(emails(*m_page->model()), QStringList {QStringLiteral("noor@example.com")});
}

void TestUsersPage::createThroughDialog_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<QString>("errorText");

    QTest::newRow("valid") << QStringLiteral("new@example.com") << kPassword << QString() << QString();
    QTest::newRow("short password") << QStringLiteral("new@example.com") << QStringLiteral("seven77")
                                    << QStringLiteral("passwordError")
                                    << QStringLiteral("Password is too weak");
    QTest::newRow("malformed email") << QStringLiteral("not-an-email") << kPassword
                                     << QStringLiteral("emailError") << QStringLiteral("Email is not valid.");
    QTest::newRow("taken, other case")
        << QStringLiteral("Taken@Example.com") << kPassword << QStringLiteral("emailError")
        << QStringLiteral("The user already exists.");
}

void TestUsersPage::createThroughDialog()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, errorLabel);
    QFETCH(QString, errorText);
    QVERIFY(!addUser(QStringLiteral("taken@example.com")).isEmpty());
    QSignalSpy added(&users(), &UserStore::userAdded);

    ModalAnswer answer(QStringLiteral("createUserDialog"), [&](QWidget *modal, QStringList &failures) {
        auto *emailEdit = modal->findChild<QLineEdit *>(QStringLiteral("userEmail"));
        auto *passwordEdit = modal->findChild<QLineEdit *>(QStringLiteral("userPassword"));
        auto *create = modal->findChild<QPushButton *>(QStringLiteral("createButton"));
        UI_CHECK(failures, emailEdit && passwordEdit && create);
        UI_CHECK(failures, !create->isEnabled());
        UI_CHECK(failures, passwordEdit->echoMode() == QLineEdit::Password);
        UiTest::retype(emailEdit, email);
        UiTest::retype(passwordEdit, password);
        UI_CHECK(failures, create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        // The password is hashed off the GUI thread: the answer comes a moment later.
        if (errorLabel.isEmpty()) {
            UI_CHECK(failures, QTest::qWaitFor([modal] { return !modal->isVisible(); }));
            return;
        }
        auto *error = modal->findChild<QLabel *>(errorLabel);
        UI_CHECK(failures, error && QTest::qWaitFor([error] { return error->isVisible(); }));
        UI_CHECK(failures, error->text() == errorText);
        // Typing again clears what the store said.
        QTest::keyClick(errorLabel == QLatin1String("passwordError") ? passwordEdit : emailEdit, Qt::Key_X);
        UI_CHECK(failures, !error->isVisible());
        UiTest::closeModal(modal);
    });
    QTest::mouseClick(button(QStringLiteral("createUserButton")), Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);

    auto found = users().findByEmail(email);
    QVERIFY2(found, errorBytes(found));
    if (errorLabel.isEmpty()) {
        QCOMPARE(added.count(), 1);
        QVERIFY(found.value().has_value());
        QVERIFY(UserStore::checkPassword(*found.value(), password));
        QCOMPARE(m_page->selectedUserId(), found.value()->id);
        QCOMPARE(m_page->model()->rowCount(), 2);
    } else {
        QCOMPARE(added.count(), 0);
        QCOMPARE(m_page->model()->rowCount(), 1);
    }
}

void TestUsersPage::search_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");

    const QString alice = QStringLiteral("alice@example.com");
    const QString bob = QStringLiteral("bob@example.com");
    const QString carol = QStringLiteral("carol@corp.io");
    QTest::newRow("empty: everyone") << QString() << QStringList {alice, bob, carol};
    QTest::newRow("domain") << QStringLiteral("example") << QStringList {alice, bob};
    QTest::newRow("upper case") << QStringLiteral("BOB") << QStringList {bob};
    QTest::newRow("part of a word") << QStringLiteral("rol@co") << QStringList {carol};
    QTest::newRow("no match") << QStringLiteral("nobody") << QStringList {};
}

void TestUsersPage::search()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    for (const QString &email : {QStringLiteral("carol@corp.io"),
                                 QStringLiteral("bob@example.com"),
                                 QStringLiteral("alice@example.com")})
        QVERIFY(!addUser(email).isEmpty());

    auto *edit = m_page->findChild<QLineEdit *>(QStringLiteral("userSearch"));
    QVERIFY(edit);
    QVERIFY(!edit->accessibleName().isEmpty());
    UiTest::retype(edit, search);
    QTRY_VERIFY(!m_page->model()->isSearching()); // the model reads from the event loop
    QCOMPARE(emails(*m_page->model()), expected);
    QCOMPARE(users().list().value().size(), 3); // the search hides, it does not remove

    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("usersEmpty"));
    auto *body = m_page->findChild<QStackedWidget *>();
    QVERIFY(empty && body);
    QCOMPARE(body->currentWidget() == empty, expected.isEmpty());
    if (expected.isEmpty())
        QVERIFY(empty->text().contains(search));
}

void TestUsersPage::blockAndUnblock()
{
    const QString id = addUser(QStringLiteral("ben@example.com"));
    QVERIFY(!id.isEmpty());
    auto *block = button(QStringLiteral("blockUserButton"));
    QVERIFY(block);
    QVERIFY(!block->isEnabled()); // nothing selected
    QVERIFY(m_page->selectUser(id));
    QVERIFY(block->isEnabled());
    QCOMPARE(block->text(), QStringLiteral("Block"));

    QSignalSpy changed(&users(), &UserStore::userChanged);
    QTest::mouseClick(block, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    auto found = users().find(id);
    QVERIFY2(found, errorBytes(found));
    QVERIFY(found.value().blocked);
    const int row = m_page->model()->rowOf(id);
    QCOMPARE(m_page->model()->index(row, UserListModel::StatusColumn).data().toString(),
             QStringLiteral("Blocked"));
    QCOMPARE(block->text(), QStringLiteral("Unblock"));
    QCOMPARE(m_page->selectedUserId(), id);

    QTest::mouseClick(block, Qt::LeftButton);
    QCOMPARE(changed.count(), 2);
    found = users().find(id);
    QVERIFY2(found, errorBytes(found));
    QVERIFY(!found.value().blocked);
    QCOMPARE(m_page->model()->index(row, UserListModel::StatusColumn).data().toString(),
             QStringLiteral("Active"));
    QCOMPARE(block->text(), QStringLiteral("Block"));
}

void TestUsersPage::resetMfa_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("cancel") << false;
    QTest::newRow("confirm") << true;
}

void TestUsersPage::resetMfa()
{
    QFETCH(bool, confirm);
    const QString id = addUser(QStringLiteral("eve@example.com"));
    QVERIFY(!id.isEmpty());
    auto enrolled = users().enrollPhone(id, kPhone);
    QVERIFY2(enrolled, errorBytes(enrolled));
    auto *reset = button(QStringLiteral("resetMfaButton"));
    QVERIFY(reset);
    QVERIFY(m_page->selectUser(id));
    QVERIFY(reset->isEnabled());

    ModalAnswer answer(QStringLiteral("resetMfaConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        UI_CHECK(failures, box->text().contains(QStringLiteral("eve@example.com")));
        UI_CHECK(failures, !box->text().contains(kPhoneDigits));
        QAbstractButton *choice = confirm ? box->findChild<QPushButton *>(QStringLiteral("confirmResetMfa"))
                                          : box->button(QMessageBox::Cancel);
        UI_CHECK(failures, choice);
        QTest::mouseClick(choice, Qt::LeftButton);
    });
    QTest::mouseClick(reset, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);

    auto found = users().find(id);
    QVERIFY2(found, errorBytes(found));
    const int row = m_page->model()->rowOf(id);
    const QString mfa = m_page->model()->index(row, UserListModel::MfaColumn).data().toString();
    if (confirm) {
        QVERIFY(!found.value().isEnrolled());
        QVERIFY(!found.value().phoneEnrolledAt.isValid());
        QCOMPARE(mfa, QStringLiteral("Not enrolled"));
        QVERIFY(!reset->isEnabled()); // nothing left to reset
    } else {
        QCOMPARE(found.value().phoneNumber, kPhone);
        QVERIFY(mfa.startsWith(QStringLiteral("+1******3232")));
        QVERIFY(reset->isEnabled());
    }
}

void TestUsersPage::deleteUser_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("cancel") << false;
    QTest::newRow("confirm") << true;
}

void TestUsersPage::deleteUser()
{
    QFETCH(bool, confirm);
    const QString keep = addUser(QStringLiteral("keep@example.com"));
    const QString id = addUser(QStringLiteral("leave@example.com"));
    QVERIFY(!keep.isEmpty() && !id.isEmpty());
    auto *remove = button(QStringLiteral("deleteUserButton"));
    QVERIFY(remove);
    QVERIFY(m_page->selectUser(id));
    QSignalSpy removed(&users(), &UserStore::userRemoved);

    ModalAnswer answer(QStringLiteral("deleteUserConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        UI_CHECK(failures, box->text().contains(QStringLiteral("leave@example.com")));
        QAbstractButton *choice = confirm ? box->findChild<QPushButton *>(QStringLiteral("confirmDeleteUser"))
                                          : box->button(QMessageBox::Cancel);
        UI_CHECK(failures, choice);
        QTest::mouseClick(choice, Qt::LeftButton);
    });
    QTest::mouseClick(remove, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);

    auto found = users().find(id);
    if (confirm) {
        QCOMPARE(removed.count(), 1);
        QVERIFY(!found);
        QCOMPARE(emails(*m_page->model()), QStringList {QStringLiteral("keep@example.com")});
        QVERIFY(m_page->selectedUserId().isEmpty());
        QVERIFY(!remove->isEnabled());
    } else {
        QCOMPARE(removed.count(), 0);
        QVERIFY2(found, errorBytes(found));
        QCOMPARE(m_page->model()->rowCount(), 2);
        QCOMPARE(m_page->selectedUserId(), id);
    }
    QVERIFY(users().find(keep));
}

QTEST_MAIN(TestUsersPage)
#include "TestUsersPage.moc"
