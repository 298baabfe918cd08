import { main } from '@hub/kit';
import { users } from './index';

main(users);
