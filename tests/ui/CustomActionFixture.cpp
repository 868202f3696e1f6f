#include "CustomActionFixture.h"

#include "core/actions/CustomActionJob.h"
#include "core/actions/CustomActionService.h"
#include "ui/common/MessageBar.h"
#include "ui/customactions/CustomActionPage.h"
#include "ui/editor/CodeEditor.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

QString handlerCode(const QString &body)
{
    return QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {\n") + body
        + QStringLiteral("\n};\n");
}

JobOutcome waitFor(CustomActionJob *job)
{
    JobOutcome outcome;
    int finished = 0;
    QPointer<CustomActionJob> alive(job);
    QObject::connect(job, &CustomActionJob::finished, job, [&](CustomActionJob *done) {
        ++finished;
        outcome.succeeded = done->succeeded();
        outcome.error = done->error();
        outcome.action = done->action();
        outcome.version = done->version();
        outcome.outcome = done->outcome();
    });
    if (!QTest::qWaitFor([&alive] { return alive.isNull(); }, 60 * 1000) || finished != 1) {
        outcome.succeeded = false;
        outcome.error = Error(Error::Kind::Timeout, QStringLiteral("finished %1 times").arg(finished));
    }
    return outcome;
}

QStringList allWidgetTexts()
{
    QStringList texts;
    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        texts << widget->windowTitle() << widget->toolTip() << widget->accessibleName()
              << widget->accessibleDescription();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        else if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts << button->text();
        else if (auto *line = qobject_cast<QLineEdit *>(widget))
            texts << line->text() << line->placeholderText();
        else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
            texts << plain->toPlainText();
        if (auto *tree = qobject_cast<QTreeWidget *>(widget)) {
            for (int row = 0; row < tree->topLevelItemCount(); ++row) {
                for (int column = 0; column < tree->columnCount(); ++column)
                    texts << tree->topLevelItem(row)->text(column);
            }
        }
    }
    texts.removeAll(QString());
    return texts;
}

void pasteCode(CodeEditor *editor, const QString &code)
{
    editor->setFocus();
    editor->selectAll();
    editor->insertPlainText(code);
}

void CustomActionFixture::initApplication(const QString &name)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(name);
}

void CustomActionFixture::setUp(const QString &code)
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    auto created = service().create(kActionName, kTrigger);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message()));
    m_action = created.value();
    if (!code.isEmpty()) {
        auto saved = service().saveDraft(m_action.id, code, {}, m_action.revision);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message()));
        m_action = saved.value();
    }
    m_page = std::make_unique<CustomActionPage>(m_tenant->tenant());
    m_page->resize(1280, 820);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->open(m_action.id);
    QCOMPARE(m_page->actionId(), m_action.id);
}

void CustomActionFixture::tearDown()
{
    m_page.reset();
    m_tenant.reset();
}

CustomActionService &CustomActionFixture::service()
{
    return m_tenant->tenant().customActions();
}

CustomAction CustomActionFixture::stored()
{
    auto action = service().find(m_action.id);
    return action ? action.value() : CustomAction();
}

void CustomActionFixture::settleJobs()
{
    const JobOutcome probe = waitFor(service().remove(QStringLiteral("no-such-action")));
    QVERIFY2(probe.error && probe.error->kind() == Error::Kind::NotFound, qPrintable(probe.message()));
}

void CustomActionFixture::deployStored()
{
    const JobOutcome deployed = waitFor(service().deploy(m_action.id));
    QVERIFY2(deployed.succeeded, qPrintable(deployed.message()));
}

std::unique_ptr<CustomActionPage> CustomActionFixture::reopenedPage()
{
    auto page = std::make_unique<CustomActionPage>(m_tenant->tenant());
    page->open(m_action.id);
    return page;
}

CodeEditor *CustomActionFixture::editor() const
{
    return find<CodeEditor>(QStringLiteral("codeEditor"));
}

QString CustomActionFixture::message() const
{
    auto *bar = m_page->findChild<MessageBar *>(QStringLiteral("messageBar"));
    return bar && !bar->isHidden() ? bar->text() : QString();
}

QString CustomActionFixture::status() const
{
    auto *pill = find<QLabel>(QStringLiteral("actionStatus"));
    return pill ? pill->text() : QString();
}
