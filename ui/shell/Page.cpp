#include "Page.h"

QList<QPair<Page::Id, QString>> Page::names()
{
    return {{Page::Id::GettingStarted, QStringLiteral("getting-started")},
            {Page::Id::Applications, QStringLiteral("applications")},
            {Page::Id::Application, QStringLiteral("application")},
            {Page::Id::ActionsLibrary, QStringLiteral("actions-library")},
            {Page::Id::ActionsCatalog, QStringLiteral("actions-catalog")},
            {Page::Id::Integration, QStringLiteral("integration")},
            {Page::Id::CustomAction, QStringLiteral("custom-action")},
            {Page::Id::Flows, QStringLiteral("actions-flows")},
            {Page::Id::FlowEditor, QStringLiteral("flow-editor")},
            {Page::Id::MultiFactor, QStringLiteral("multi-factor")},
            {Page::Id::PhoneMessage, QStringLiteral("phone-message")},
            {Page::Id::Users, QStringLiteral("users")},
            {Page::Id::Logs, QStringLiteral("logs")},
            {Page::Id::TenantSettings, QStringLiteral("tenant-settings")},
            {Page::Id::Apis, QStringLiteral("apis")},
            {Page::Id::Api, QStringLiteral("api")}};
}

Page::Id Page::sidebarEntry(Id page)
{
    switch (page) {
    case Page::Id::Application:
        return Page::Id::Applications;
    case Page::Id::Api:
        return Page::Id::Apis;
    case Page::Id::ActionsCatalog:
    case Page::Id::Integration:
    case Page::Id::CustomAction:
        return Page::Id::ActionsLibrary;
    case Page::Id::FlowEditor:
        return Page::Id::Flows;
    case Page::Id::PhoneMessage:
        return Page::Id::MultiFactor;
    default:
        return page;
    }
}

bool Page::isDetail(Id page)
{
    return page == Page::Id::Application || page == Page::Id::Integration || page == Page::Id::CustomAction
        || page == Page::Id::FlowEditor;
}
