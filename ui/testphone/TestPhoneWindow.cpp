#include "TestPhoneWindow.h"

#include "core/plivo/PlivoSandbox.h"
#include "ui/common/Form.h"
#include "ui/testphone/TestPhoneModel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

TestPhoneWindow::TestPhoneWindow(PlivoSandbox &sandbox, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_sandbox(sandbox)
    , m_model(new TestPhoneModel(sandbox, this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_latestCode(new QLabel(this))
    , m_copy(Form::button(tr("Copy code"), QStringLiteral("primary"), QStringLiteral("copyCodeButton"), this))
{
    setObjectName(QStringLiteral("testPhoneWindow"));
    setWindowTitle(tr("Test phone — Authdeck"));
    resize(860, 460);
    setAttribute(Qt::WA_StyledBackground);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(
        Form::pageHeader(tr("Test phone"),
                         tr("Messages sent to the local Plivo sandbox arrive here instead of a real "
                            "phone."),
                         this));
    m_status->setObjectName(QStringLiteral("sandboxStatus"));
    m_status->setProperty("role", QStringLiteral("muted"));
    layout->addWidget(m_status);

    auto *codeRow = new QHBoxLayout;
    m_latestCode->setObjectName(QStringLiteral("latestCode"));
    m_latestCode->setProperty("role", QStringLiteral("section"));
    codeRow->addWidget(m_latestCode, 1);
    codeRow->addWidget(m_copy);
    layout->addLayout(codeRow);

    m_view->setObjectName(QStringLiteral("messageList"));
    m_view->setAccessibleName(tr("Messages"));
    m_view->setModel(m_model);
    Form::setUpList(m_view);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(TestPhoneModel::TextColumn, QHeaderView::Stretch);
    for (int column : {TestPhoneModel::TimeColumn,
                       TestPhoneModel::FromColumn,
                       TestPhoneModel::ToColumn,
                       TestPhoneModel::StateColumn})
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);

    connect(m_copy, &QPushButton::clicked, this, &TestPhoneWindow::copyCode);
    connect(m_view, &QTreeView::activated, this, &TestPhoneWindow::copyCode);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TestPhoneWindow::updateState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TestPhoneWindow::updateState);
    updateState();
}

QString TestPhoneWindow::copyCode()
{
    // The selected message, else the newest: never a row that only has the list's keyboard focus.
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    const QModelIndex row = selected.isEmpty() ? m_model->index(0, 0) : selected.constFirst();
    const QString code = row.data(int(TestPhoneModel::Role::Code)).toString();
    if (!code.isEmpty())
        QGuiApplication::clipboard()->setText(code);
    return code;
}

void TestPhoneWindow::updateState()
{
    m_status->setText(m_sandbox.isRunning()
                          ? tr("Sandbox listening on %1 · messages: %2")
                                .arg(m_sandbox.baseUrl().toString())
                                .arg(m_model->rowCount())
                          : tr("The sandbox is not running: %1").arg(m_sandbox.errorString()));
    const QString code = m_model->index(0, 0).data(int(TestPhoneModel::Role::Code)).toString();
    m_latestCode->setText(code.isEmpty() ? tr("No code received yet") : tr("Latest code: %1").arg(code));
    m_copy->setEnabled(m_model->rowCount() > 0);
}
