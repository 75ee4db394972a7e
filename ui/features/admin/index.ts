export { AdminView } from "./components/admin-view";
export { adminQueries } from "./queries";
export {
  AdminUser,
  AdminUserList,
  CreateUserBody,
  DeletedUser,
  GrantBody,
  GrantResource,
  UpdateUserBody,
  UserGrants,
  UsernameParams,
} from "./schemas";
export { parseSelectedUser } from "./search-params";
